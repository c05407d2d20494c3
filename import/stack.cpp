// The template's sections as one infra stack's declarations, in the template's order.
#include <fmt/format.h>

#include "cfn/for_each.hpp"
#include "format/format.hpp"
#include "import/convert.hpp"
#include "import/policy.hpp"
#include "import/scripts.hpp"

namespace infrac::importer {
namespace {

// A declaration, property or attribute being built: its comments first (the notes its
// values left), then its span around what it holds, numbered in printing order.
Span open_span(Importer& im, ast::Module& module, const std::vector<std::string>& notes) {
  for (const auto& n : notes) im.comment(module, n);
  return Span{module.file, im.position(), 0};
}
void close_span(Importer& im, Span& span) { span.end = im.position(); }

ast::Attribute make_attribute(Importer& im, ast::Module& module, std::string keyword, ast::Expr value) {
  ast::Attribute a;
  a.span = open_span(im, module, im.take_notes());
  a.keyword_span = Span{module.file, a.span.begin, a.span.begin};
  a.keyword = std::move(keyword);
  a.value = std::move(value);
  close_span(im, a.span);
  return a;
}

ast::Expr number_expr(const std::string& text) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Number;
  e.text = text;
  return e;
}

// "12", "-3.5": a number infra can spell.
bool is_number_text(const std::string& s) {
  std::size_t i = s.starts_with("-") ? 1 : 0;
  std::size_t digits = 0, dots = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (++dots > 1 || digits == 0) return false;
    } else if (s[i] >= '0' && s[i] <= '9') {
      ++digits;
    } else {
      return false;
    }
  }
  return digits > 0 && s.back() != '.';
}

// A bound or length written as a number or as text holding one.
std::optional<ast::Expr> number_value(const Json& v) {
  if (v.is_number() && is_number_text(v.dump())) return number_expr(v.dump());
  if (v.is_string() && is_number_text(v.get<std::string>())) return number_expr(v.get<std::string>());
  return std::nullopt;
}

std::optional<ast::Expr> bool_value(const Json& v) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Bool;
  if (v.is_boolean()) {
    e.boolean = v.get<bool>();
    return e;
  }
  if (v.is_string() && (v == "true" || v == "false" || v == "True" || v == "False")) {
    e.boolean = v == "true" || v == "True";
    return e;
  }
  return std::nullopt;
}

bool is_qualified_type(const std::string& type) {
  std::size_t at = 0;
  int names = 0;
  while (true) {
    std::size_t sep = type.find("::", at);
    if (!is_identifier(type.substr(at, sep == std::string::npos ? std::string::npos : sep - at))) return false;
    ++names;
    if (sep == std::string::npos) break;
    at = sep + 2;
  }
  return names >= 2;
}

class StackBuilder {
 public:
  StackBuilder(Importer& im, ast::Module& module, ast::Stack& stack, ScriptWriter* scripts)
      : im_(im), module_(module), stack_(&stack), scripts_(scripts) {}

  using Member = void (StackBuilder::*)(const std::string&, const Json&, const JsonPointer&);

  // `"Fn::ForEach::X": [Id, [items], {key: value}]` in Resources, Outputs or Conditions: an
  // infra `for` over the same items, its keys as names with `<<Id>>`, the values read with
  // `Id` in scope. A shape the expansion (cfn/for_each.hpp) refused is left to its problem.
  void loop(const Json& v, const JsonPointer& at, Member member) {
    if (!v.is_array() || v.size() != 3 || !v[0].is_string() || !v[1].is_array() || !v[2].is_object() ||
        !std::all_of(v[1].begin(), v[1].end(), [](const Json& item) { return item.is_string(); })) {
      return;
    }
    const std::string variable = v[0].get<std::string>();
    if (!is_identifier(variable) || variable.find(':') != std::string::npos) {
      return im_.problem(at / 0, "the identifier `" + variable + "` cannot be an infra loop variable (letters, digits and `_`)");
    }
    if (im_.referable(variable) || im_.declared().conditions.count(variable) || im_.declared().mappings.count(variable)) {
      return im_.problem(at / 0, "the identifier `" + variable + "` is also a name of the template, which infra's loop variable would hide");
    }
    ast::Loop made;
    made.variable = variable;
    made.span = open_span(im_, module_, {});
    made.variable_span = Span{module_.file, im_.position(), 0};
    close_span(im_, made.variable_span);
    std::vector<ast::Expr> items;
    bool alphanumeric = true;
    for (const Json& item : v[1]) {
      items.push_back(string_expr(item.get<std::string>()));
      alphanumeric = alphanumeric && cfn::alphanumeric_only(item.get<std::string>()) == item.get<std::string>();
    }
    made.items = list_expr(std::move(items));
    made.items.span = Span{module_.file, im_.position(), 0};
    close_span(im_, made.items.span);
    ast::Stack* outer = stack_;
    stack_ = &made.body;
    im_.enter_loop({variable, alphanumeric});
    for (auto it = v[2].begin(); it != v[2].end(); ++it) {
      JsonPointer here = at / 2 / it.key();
      if (it.key().starts_with(cfn::kForEachPrefix)) {
        this->loop(it.value(), here, member);
      } else if (auto name = im_.loop_name(it.key(), here)) {
        (this->*member)(*name, it.value(), here);
      }
    }
    im_.leave_loop();
    stack_ = outer;
    close_span(im_, made.span);
    stack_->loops.push_back(std::move(made));
  }

  void header(const Json& t) {
    if (auto d = t.find("Description"); d != t.end()) {
      if (d->is_string()) {
        stack_->attributes.push_back(make_attribute(im_, module_, "description", string_expr(d->get<std::string>())));
      } else {
        im_.problem(JsonPointer("/Description"), "the description must be text");
      }
    }
    if (auto m = t.find("Metadata"); m != t.end() && !(m->is_object() && m->empty())) {  // `Metadata: {}` says nothing
      ast::Expr value = im_.value(*m, JsonPointer("/Metadata"), Place::Literal);
      stack_->attributes.push_back(make_attribute(im_, module_, "metadata", std::move(value)));
    }
    if (auto tr = t.find("Transform"); tr != t.end()) {
      bool texts = tr->is_string() || (tr->is_array() && std::all_of(tr->begin(), tr->end(), [](const Json& x) { return x.is_string(); }));
      if (!texts) {
        im_.problem(JsonPointer("/Transform"), "a transform is a macro name or a list of them");
      } else {
        stack_->attributes.push_back(make_attribute(im_, module_, "transform", im_.value(*tr, JsonPointer("/Transform"), Place::Literal)));
      }
    }
  }

  void parameter(const std::string& name, const Json& p, const JsonPointer& at) {
    ast::Parameter prm;
    prm.name = name;
    if (!p.is_object() || !p.contains("Type") || !p["Type"].is_string()) {
      im_.problem(at, "a parameter needs a `Type`");
      return;
    }
    prm.type.text = p["Type"].get<std::string>();
    prm.span = open_span(im_, module_, {});
    prm.type.span = Span{module_.file, im_.position(), 0};
    close_span(im_, prm.type.span);
    // The description first, as a person writes it; the rest in the template's order.
    std::vector<std::string> keys;
    if (p.contains("Description")) keys.push_back("Description");
    for (auto it = p.begin(); it != p.end(); ++it) {
      if (it.key() != "Description") keys.push_back(it.key());
    }
    for (const std::string& key : keys) {
      const Json& v = p[key];
      JsonPointer here = at / key;
      auto text_attribute = [&](const char* keyword) {
        if (!v.is_string()) return im_.problem(here, "`" + key + "` must be text");
        prm.attributes.push_back(make_attribute(im_, module_, keyword, string_expr(v.get<std::string>())));
      };
      auto number_attribute = [&](const char* keyword) {
        auto n = number_value(v);
        if (!n) return im_.problem(here, "`" + key + "` must be a number");
        prm.attributes.push_back(make_attribute(im_, module_, keyword, std::move(*n)));
      };
      if (key == "Type") continue;
      if (key == "Default") {
        if (prm.type.text == "Number" && v.is_string() && is_number_text(v.get<std::string>())) {
          prm.default_value = number_expr(v.get<std::string>());
        } else {
          prm.default_value = im_.value(v, here, Place::Literal);
        }
      } else if (key == "Description") {
        text_attribute("description");
      } else if (key == "AllowedValues") {
        prm.attributes.push_back(make_attribute(im_, module_, "allowed_values", im_.value(v, here, Place::Literal)));
      } else if (key == "AllowedPattern") {
        text_attribute("allowed_pattern");
      } else if (key == "ConstraintDescription") {
        text_attribute("constraint_description");
      } else if (key == "MinLength") {
        number_attribute("min_length");
      } else if (key == "MaxLength") {
        number_attribute("max_length");
      } else if (key == "MinValue") {
        number_attribute("min_value");
      } else if (key == "MaxValue") {
        number_attribute("max_value");
      } else if (key == "NoEcho") {
        auto b = bool_value(v);
        if (!b) {
          im_.problem(here, "`NoEcho` must be true or false");
        } else {
          prm.attributes.push_back(make_attribute(im_, module_, "no_echo", std::move(*b)));
        }
      } else {
        im_.problem(here, "unknown parameter attribute `" + key + "`");
      }
    }
    close_span(im_, prm.span);
    stack_->parameters.push_back(std::move(prm));
  }

  void mapping(const std::string& name, const Json& m, const JsonPointer& at) {
    ast::Mapping mapping;
    mapping.name = name;
    mapping.body = im_.value(m, at, Place::Literal);
    mapping.span = leaf_span();
    stack_->mappings.push_back(std::move(mapping));
  }

  void condition(const std::string& name, const Json& c, const JsonPointer& at) {
    ast::Condition condition;
    condition.name = name;
    condition.expression = im_.value(c, at, Place::Condition);
    condition.span = leaf_span();
    stack_->conditions.push_back(std::move(condition));
  }

  void rule(const std::string& name, const Json& r, const JsonPointer& at) {
    ast::Rule rule;
    rule.name = name;
    if (!r.is_object()) return im_.problem(at, "a rule is a map of `RuleCondition` and `Assertions`");
    for (auto it = r.begin(); it != r.end(); ++it) {
      JsonPointer here = at / it.key();
      if (it.key() == "RuleCondition") {
        rule.condition = im_.value(it.value(), here, Place::Rule);
      } else if (it.key() == "Assertions" && it.value().is_array()) {
        for (std::size_t i = 0; i < it.value().size(); ++i) {
          const Json& a = it.value()[i];
          if (!a.is_object() || !a.contains("Assert")) {
            im_.problem(here / i, "an assertion is a map with `Assert` and an optional `AssertDescription`");
            continue;
          }
          ast::RuleAssertion assertion;
          for (auto field = a.begin(); field != a.end(); ++field) {
            if (field.key() == "Assert") {
              assertion.assertion = im_.value(field.value(), here / i / "Assert", Place::Rule);
            } else if (field.key() == "AssertDescription" && field.value().is_string()) {
              assertion.description = string_expr(field.value().get<std::string>());
            } else {
              im_.problem(here / i / field.key(), "unknown assertion key `" + field.key() + "`");
            }
          }
          rule.assertions.push_back(std::move(assertion));
        }
      } else {
        im_.problem(here, "unknown rule key `" + it.key() + "`");
      }
    }
    rule.span = leaf_span();
    stack_->rules.push_back(std::move(rule));
  }

  void resource(const std::string& name, const Json& r, const JsonPointer& at) {
    if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) return im_.problem(at, "a resource needs a `Type`");
    ast::Resource res;
    res.name = name;
    res.type.text = r["Type"].get<std::string>();
    if (!is_qualified_type(res.type.text)) im_.problem(at / "Type", "`" + res.type.text + "` is not a resource type infra can write");
    res.span = open_span(im_, module_, {});
    auto names_of = [&](const Json& v, const JsonPointer& here) {
      if (v.is_string()) return reference_expr(v.get<std::string>());
      if (v.is_array() && v.size() == 1 && v[0].is_string()) return reference_expr(v[0].get<std::string>());
      std::vector<ast::Expr> items;
      if (!v.is_array()) im_.problem(here, "`DependsOn` is a resource name or a list of them");
      for (std::size_t i = 0; v.is_array() && i < v.size(); ++i) {
        if (!v[i].is_string()) {
          im_.problem(here / i, "`DependsOn` is a resource name or a list of them");
          continue;
        }
        items.push_back(reference_expr(v[i].get<std::string>()));
      }
      return list_expr(std::move(items));
    };
    auto name_or_text = [](const Json& v) { return is_identifier(v.get<std::string>()) ? reference_expr(v.get<std::string>()) : string_expr(v.get<std::string>()); };
    // Attributes in CloudFormation's order of meaning: condition, depends_on, policies, metadata.
    static const std::vector<std::pair<std::string, std::string>> kAttributes = {
        {"Condition", "condition"},         {"DependsOn", "depends_on"},           {"DeletionPolicy", "deletion_policy"},
        {"UpdateReplacePolicy", "update_replace_policy"}, {"CreationPolicy", "creation_policy"}, {"UpdatePolicy", "update_policy"},
        {"Metadata", "metadata"}};
    for (const auto& [key, keyword] : kAttributes) {
      auto it = r.find(key);
      if (it == r.end()) continue;
      JsonPointer here = at / key;
      ast::Expr value;
      if (key == "DependsOn") {
        value = names_of(*it, here);
      } else if (key == "Condition" || key == "DeletionPolicy" || key == "UpdateReplacePolicy") {
        if (!it->is_string()) {
          im_.problem(here, "`" + key + "` must be a name");
          continue;
        }
        value = key == "Condition" ? reference_expr(it->get<std::string>()) : name_or_text(*it);
      } else {
        if (!it->is_object()) {
          im_.problem(here, "`" + key + "` must be a map");
          continue;
        }
        value = im_.value(*it, here, Place::Value);
        if (scripts_ && key == "Metadata") scripts_->extract(value, name, "metadata", "");
      }
      res.attributes.push_back(make_attribute(im_, module_, keyword, std::move(value)));
    }
    for (auto it = r.begin(); it != r.end(); ++it) {
      const std::string& key = it.key();
      if (key == "Type" || key == "Properties" ||
          std::any_of(kAttributes.begin(), kAttributes.end(), [&](const auto& a) { return a.first == key; })) {
        continue;
      }
      im_.problem(at / key, "unknown resource attribute `" + key + "`");
    }
    if (auto props = r.find("Properties"); props != r.end()) {
      if (!props->is_object()) {
        im_.problem(at / "Properties", "`Properties` must be a map of properties");
      } else {
        auto r = props->find("Runtime");
        std::string runtime = r != props->end() && r->is_string() ? r->get<std::string>() : "";
        for (auto p = props->begin(); p != props->end(); ++p) property(res, p.key(), p.value(), at / "Properties" / p.key(), runtime);
      }
    }
    close_span(im_, res.span);
    stack_->resources.push_back(std::move(res));
  }

  void output(const std::string& name, const Json& o, const JsonPointer& at) {
    if (!o.is_object() || !o.contains("Value")) return im_.problem(at, "an output needs a `Value`");
    ast::Output out;
    out.name = name;
    out.value = im_.value(o["Value"], at / "Value", Place::Value);
    std::vector<std::string> notes = im_.take_notes();
    out.span = open_span(im_, module_, notes);
    out.value.span = Span{module_.file, im_.position(), 0};
    close_span(im_, out.value.span);
    for (auto it = o.begin(); it != o.end(); ++it) {
      const std::string& key = it.key();
      JsonPointer here = at / key;
      if (key == "Value") continue;
      if (key == "Description" && it->is_string()) {
        out.attributes.push_back(make_attribute(im_, module_, "description", string_expr(it->get<std::string>())));
      } else if (key == "Export" && it->is_object() && it->size() == 1 && it->contains("Name")) {
        ast::Expr value = im_.value((*it)["Name"], here / "Name", Place::Value);
        out.attributes.push_back(make_attribute(im_, module_, "export", std::move(value)));
      } else if (key == "Condition" && it->is_string()) {
        out.attributes.push_back(make_attribute(im_, module_, "condition", reference_expr(it->get<std::string>())));
      } else {
        im_.problem(here, "unknown or malformed output attribute `" + key + "`");
      }
    }
    close_span(im_, out.span);
    stack_->outputs.push_back(std::move(out));
  }

 private:
  Importer& im_;
  ast::Module& module_;
  ast::Stack* stack_;  // the stack, or the body of the loop being built
  ScriptWriter* scripts_;  // --scripts, or none

  // The span of a declaration printed on its own (mapping, condition, rule): its notes above it.
  Span leaf_span() {
    Span span = open_span(im_, module_, im_.take_notes());
    close_span(im_, span);
    return span;
  }

  // `runtime`: the resource's Runtime (a Lambda's), which names the language of inline code.
  void property(ast::Resource& res, const std::string& name, const Json& v, const JsonPointer& at, const std::string& runtime) {
    if (name.starts_with(cfn::kForEachPrefix)) return im_.for_each_in_value(at);
    if (!is_identifier(name)) {
      im_.problem(at, "property name `" + name + "` cannot be written in infra (letters, digits and `_` only)");
      return;
    }
    ast::Property prop;
    prop.name = name;
    prop.value = im_.value(v, at, Place::Value);
    if (scripts_) {
      scripts_->extract(prop.value, res.name, name, runtime);
    } else if (runtime.starts_with("python") && prop.value.origin == ast::Expr::Origin::Block && prop.value.block_tag.empty()) {
      prop.value.block_tag = "python";  // SAM's InlineCode
    } else if (runtime.starts_with("python") && prop.value.kind == ast::Expr::Kind::Map) {
      // A Lambda's inline code: its runtime names the language.
      for (auto& entry : prop.value.entries) {
        if (entry.value.origin == ast::Expr::Origin::Block && entry.value.block_tag.empty()) entry.value.block_tag = "python";
      }
    }
    Span span = open_span(im_, module_, im_.take_notes());
    prop.name_span = Span{module_.file, span.begin, span.begin};
    prop.value.span = Span{module_.file, span.begin, 0};
    close_span(im_, prop.value.span);
    res.properties.push_back(std::move(prop));
  }
};

void require_object(Importer& im, const Json& t, const char* section) {
  auto it = t.find(section);
  if (it != t.end() && !it->is_object()) im.problem(JsonPointer(std::string("/") + section), std::string("`") + section + "` must be a map");
}

}  // namespace

Imported import_template(const Json& t, const std::optional<Json>& policy, const ImportOptions& options) {
  Imported result;
  if (!t.is_object()) {
    result.problems.push_back({ImportProblem::Document::Template, Json::json_pointer(), "a template is a map of sections"});
    return result;
  }
  Declared declared;
  Importer im(declared, result.problems);
  static const std::vector<std::string> kSections = {"AWSTemplateFormatVersion", "Description", "Metadata", "Transform",  "Parameters",
                                                     "Mappings",                 "Conditions",  "Rules",    "Resources", "Outputs"};
  for (auto it = t.begin(); it != t.end(); ++it) {
    if (std::find(kSections.begin(), kSections.end(), it.key()) == kSections.end()) {
      im.problem(JsonPointer() / it.key(),  // `/` escapes ~ and /
                 it.key() == "Globals" ? "`Globals` is a section of the SAM transform "
                                         "(AWS::Serverless-2016-10-31), and infra has none: write its "
                                         "properties into each resource"
                                       : "unknown template section `" + it.key() + "`");
    }
  }
  if (auto v = t.find("AWSTemplateFormatVersion"); v != t.end() && *v != "2010-09-09") {
    im.problem(JsonPointer("/AWSTemplateFormatVersion"), "the only template format version is \"2010-09-09\"");
  }
  for (const char* s : {"Parameters", "Mappings", "Conditions", "Rules", "Resources", "Outputs"}) require_object(im, t, s);
  auto section = [&](const char* name) -> const Json& {
    static const Json empty = Json::object();
    auto it = t.find(name);
    return it != t.end() && it->is_object() ? *it : empty;
  };
  if (auto tr = t.find("Transform"); tr != t.end()) {
    declared.serverless = *tr == "AWS::Serverless-2016-10-31" ||
                          (tr->is_array() && std::find(tr->begin(), tr->end(), Json("AWS::Serverless-2016-10-31")) != tr->end());
  }
  // What the template declares once its Fn::ForEach loops are expanded, as the transform does.
  cfn::ForEachExpansion expansion = cfn::expand_for_each(t);
  for (auto& p : expansion.problems) im.problem(p.at, std::move(p.message));
  auto expanded = [&](const char* name) -> const Json& {
    static const Json empty = Json::object();
    auto it = expansion.template_body.find(name);
    return it != expansion.template_body.end() && it->is_object() ? *it : empty;
  };
  for (auto it = section("Parameters").begin(); it != section("Parameters").end(); ++it) {
    declared.parameters[it.key()] = it->is_object() && it->contains("Type") && (*it)["Type"].is_string() ? (*it)["Type"].get<std::string>() : "";
  }
  for (auto it = expanded("Resources").begin(); it != expanded("Resources").end(); ++it) {
    declared.resources[it.key()] = it->is_object() && it->contains("Type") && (*it)["Type"].is_string() ? (*it)["Type"].get<std::string>() : "";
  }
  for (auto it = expanded("Conditions").begin(); it != expanded("Conditions").end(); ++it) declared.conditions.insert(it.key());
  for (auto it = section("Mappings").begin(); it != section("Mappings").end(); ++it) declared.mappings.insert(it.key());

  ast::Stack stack;
  stack.name = options.stack_name;
  std::optional<ScriptWriter> scripts;
  if (!options.scripts_dir.empty()) scripts.emplace(options.scripts_dir, result.scripts);
  StackBuilder b(im, result.module, stack, scripts ? &*scripts : nullptr);
  b.header(t);
  auto each = [&](const char* name, StackBuilder::Member member) {
    const Json& s = section(name);
    bool loops = std::string_view(name) == "Resources" || std::string_view(name) == "Outputs" || std::string_view(name) == "Conditions";
    for (auto it = s.begin(); it != s.end(); ++it) {
      JsonPointer at = JsonPointer(std::string("/") + name) / it.key();
      if (it.key().starts_with(cfn::kForEachPrefix)) {
        if (!loops) im.problem(at, std::string("`Fn::ForEach` is not allowed in the ") + name + " section (only Conditions, Resources and Outputs)");
        if (loops) b.loop(it.value(), at, member);
        continue;
      }
      if (!is_identifier(it.key()) || it.key().find('_') != std::string::npos) {
        bool alphanumeric = !it.key().empty() && cfn::alphanumeric_only(it.key()) == it.key();
        im.problem(at, alphanumeric ? "`" + it.key() + "` cannot be an infra name, which starts with a letter (rename it in the template first)"
                                    : "`" + it.key() + "` is not a logical id: letters and digits only");
        continue;
      }
      (b.*member)(it.key(), it.value(), at);
    }
  };
  each("Parameters", &StackBuilder::parameter);
  each("Mappings", &StackBuilder::mapping);
  each("Conditions", &StackBuilder::condition);
  each("Rules", &StackBuilder::rule);
  each("Resources", &StackBuilder::resource);
  each("Outputs", &StackBuilder::output);

  std::vector<std::string> policy_notes;
  ast::Policy p = import_policy(policy, declared, result.problems, policy_notes);
  for (const auto& n : policy_notes) im.comment(result.module, n);
  p.span = Span{result.module.file, im.position(), 0};
  for (auto& s : p.statements) {
    s.span = Span{result.module.file, im.position(), 0};
    s.span.end = im.position();
  }
  p.span.end = im.position();
  stack.policies.push_back(std::move(p));
  stack.span = Span{result.module.file, 0, im.position()};
  result.module.stacks.push_back(std::move(stack));
  if (!result.problems.empty()) return result;
  result.source = format::format_module(result.module, "");
  return result;
}

}  // namespace infrac::importer
