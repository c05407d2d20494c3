#include "check/declarations.hpp"

#include "ast/lookup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>

#include "check/attributes.hpp"
#include "check/expressions.hpp"
#include "check/parameter_types.hpp"
#include "check/references.hpp"
#include "diagnostics/warning_kinds.hpp"
#include "io/number.hpp"

namespace infrac {
namespace {

// A secret's value may be written far from its parameter (a `let`, an imported file):
// every piece of it is marked, so the renderers mask it wherever a line shows it.
void mark_secret_values(const ast::Expr& e, Diagnostics& diagnostics) {
  switch (e.kind) {
    case ast::Expr::Kind::String:
    case ast::Expr::Kind::Number:
      diagnostics.mark_secret_value(e.text);
      break;
    case ast::Expr::Kind::Text:
      for (const auto& part : e.parts) {
        if (part.kind == ast::TextPart::Kind::Literal) diagnostics.mark_secret_value(part.text);
      }
      break;
    default:
      break;
  }
  for (const auto& item : e.items) mark_secret_values(item, diagnostics);
  for (const auto& entry : e.entries) mark_secret_values(entry.value, diagnostics);
}
using Kind = ast::Expr::Kind;

void check_literal(const ast::Expr& e, const StackSymbols& symbols, Diagnostics& diagnostics) {
  check_expression(e, {ExprContext::Where::Literal}, symbols, diagnostics);
}

void check_name_reference(const ast::Expr& e, const std::map<std::string, const ast::Condition*>& conditions,
                          Diagnostics& diagnostics) {
  if (e.kind == Kind::Invalid) return;
  if (e.kind != Kind::Reference || !e.attribute.empty()) {
    diagnostics.error(e.span, "`condition` takes the name of a condition");
    return;
  }
  if (!conditions.count(e.name)) {
    auto& d = diagnostics.error(e.span, "unknown condition `" + e.name + "`");
    add_did_you_mean(d, e.name, names_of(conditions));
  }
}

// A name or a quoted string among fixed choices (DeletionPolicy and friends).
void check_choice(const ast::Attribute& a, const std::vector<std::string>& choices, Diagnostics& diagnostics) {
  const ast::Expr& v = a.value;
  std::string word = v.kind == Kind::Reference && v.attribute.empty() ? v.name : v.kind == Kind::String ? v.text : "";
  if (v.kind == Kind::Invalid) return;
  if (std::find(choices.begin(), choices.end(), word) == choices.end()) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "`" : ", `") + c + "`";
    auto& d = diagnostics.error(v.span, "`" + a.keyword + "` must be one of " + list);
    if (!word.empty()) add_did_you_mean(d, word, choices);
  }
}

// CloudFormation's limits on descriptions (cfn-lint E1003, E2011, E6011).
void check_description(const std::map<std::string, const ast::Attribute*>& index, std::size_t limit, const char* what,
                       Diagnostics& diagnostics) {
  auto it = index.find("description");
  if (it == index.end() || !expect_plain_string(*it->second, diagnostics)) return;
  const ast::Expr& v = it->second->value;
  if (v.kind != Kind::String || v.text.size() <= limit) return;
  diagnostics.error(v.span, fmt::format("the description of {} is {} bytes; CloudFormation allows at most {}", what, v.text.size(), limit));
}

// A name, a string or a list of them, as written; anything else as `...`.
std::string spelled(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::Reference:
      return e.name + (e.attribute.empty() ? "" : "." + e.attribute);
    case Kind::String:
      return "\"" + e.text + "\"";
    case Kind::Number:
      return e.text;
    case Kind::Bool:
      return e.boolean ? "true" : "false";
    case Kind::List: {
      std::string out = "[";
      for (const auto& item : e.items) out += (out.size() > 1 ? ", " : "") + spelled(item);
      return out + "]";
    }
    case Kind::Map:
      return "{ ... }";
    default:
      return "...";
  }
}

// `DependsOn: Queue` in a resource body: CloudFormation's attribute, written the infra way.
void attribute_written_as_property(const ast::Resource& r, const ast::Property& p, const std::string& keyword, Diagnostics& diagnostics) {
  auto& d = diagnostics.error(p.name_span, "`" + r.type.text + "` has no property `" + p.name + "`: `" + p.name +
                                               "` is a resource attribute");
  std::string value = spelled(p.value);
  if (p.name == "Condition" && p.value.kind == Kind::String) value = p.value.text;  // a condition is named bare
  d.notes.push_back({std::nullopt, "write the attribute `" + keyword + " " + value + "`: lowercase, without a colon"});
}

// The resources and parameters a resource refers to outside any `if` (where a
// reference always orders creation), each at its first reference.
std::map<std::string, Span> unguarded_references(const ast::Resource& r, StackReferences& references) {
  std::map<std::string, Span> out;
  auto collect = [&](const ast::Expr& e) {
    for_each_guarded_reference(references.of(e), [&](const std::string& name, Span span, const std::vector<ReferenceGuard>& guards) {
      if (guards.empty()) out.emplace(name, span);
    });
  };
  for (const auto& p : r.properties) collect(p.value);
  for (const auto& a : r.attributes) {
    if (a.keyword != "depends_on" && a.keyword != "condition") collect(a.value);
  }
  return out;
}

}  // namespace

void check_stack_attributes(const ast::Stack& stack, Diagnostics& diagnostics) {
  auto index = index_attributes(stack.attributes, {"description", "metadata", "transform"}, "stack", diagnostics);
  StackSymbols none;
  check_description(index, 1024, "a template", diagnostics);
  if (auto it = index.find("metadata"); it != index.end()) {
    if (expect_map(*it->second, diagnostics)) check_literal(it->second->value, none, diagnostics);
  }
  if (auto it = index.find("transform"); it != index.end()) {
    const ast::Expr& v = it->second->value;
    bool ok = v.kind == Kind::String || v.kind == Kind::Invalid;
    if (v.kind == Kind::List) {
      ok = std::all_of(v.items.begin(), v.items.end(), [](const ast::Expr& i) { return i.kind == Kind::String; });
    }
    if (!ok) diagnostics.error(v.span, "`transform` takes a macro name such as \"AWS::Serverless-2016-10-31\" or a list of them");
  }
  if (stack.resources.empty()) {
    diagnostics.error(stack.name_span, "stack `" + stack.name + "` declares no resource; CloudFormation requires at least one");
  }
  // CloudFormation's limit on a stack name; it also names the output files.
  constexpr std::size_t kMaxStackNameLength = 128;
  if (stack.name.size() > kMaxStackNameLength) {
    diagnostics.error(stack.name_span, fmt::format("the stack name is {} characters long; CloudFormation accepts at most {}",
                                                   stack.name.size(), kMaxStackNameLength));
  }
}

void check_rebuild_parameters(const ast::Stack& stack, Diagnostics& diagnostics) {
  const ast::Parameter* first = nullptr;
  for (const auto& p : stack.parameters) {
    const ast::Attribute* a = ast::find_attribute(p.attributes, "rebuild");
    if (!a || a->value.kind != Kind::Bool || !a->value.boolean) continue;
    if (!first) {
      first = &p;
      continue;
    }
    auto& d = diagnostics.error(a->keyword_span, fmt::format("stack `{}` declares a second rebuild parameter, `{}`", stack.name, p.name));
    d.notes.push_back({first->name_span, "`" + first->name + "` is its rebuild parameter; a rebuild changes one parameter alone"});
    d.notes.push_back({std::nullopt, "put tiers that rebuild separately in stacks of their own"});
  }
}

void check_parameter(const ast::Parameter& p, Diagnostics& diagnostics) {
  if (!p.type.text.empty() && !is_parameter_type(p.type.text)) {
    auto& d = diagnostics.error(p.type.span, "unknown parameter type `" + p.type.text + "`");
    add_did_you_mean(d, p.type.text, parameter_types());
  }
  auto index = index_attributes(p.attributes,
                                {"default", "description", "allowed_values", "allowed_pattern", "min_length", "max_length",
                                 "min_value", "max_value", "no_echo", "rebuild", "constraint_description", "silence"},
                                "parameter", diagnostics);
  StackSymbols none;
  check_description(index, 4000, "a parameter", diagnostics);
  for (const char* key : {"allowed_pattern", "constraint_description"}) {
    if (auto it = index.find(key); it != index.end()) expect_plain_string(*it->second, diagnostics);
  }
  for (const char* key : {"min_length", "max_length", "min_value", "max_value"}) {
    if (auto it = index.find(key); it != index.end()) expect_number(*it->second, diagnostics);
  }
  for (const char* key : {"min_length", "max_length"}) {
    auto it = index.find(key);
    if (it == index.end() || it->second->value.kind != Kind::Number) continue;
    if (!io::parse_integer<std::uint64_t>(it->second->value.text)) {
      diagnostics.error(it->second->value.span, fmt::format("`{}` counts characters: a whole number, 0 or more", key));
    }
  }
  if (auto it = index.find("no_echo"); it != index.end()) expect_bool(*it->second, diagnostics);
  if (auto it = index.find("rebuild"); it != index.end()) expect_bool(*it->second, diagnostics);
  bool is_number = is_number_parameter_type(p.type.text);
  for (const char* key : {"min_length", "max_length", "allowed_pattern"}) {
    if (auto it = index.find(key); it != index.end() && is_number) {
      diagnostics.error(it->second->keyword_span, fmt::format("`{}` applies to text parameters, not to `{}`", key, p.type.text));
    }
  }
  for (const char* key : {"min_value", "max_value"}) {
    if (auto it = index.find(key); it != index.end() && p.type.text != "Number") {
      diagnostics.error(it->second->keyword_span, fmt::format("`{}` applies to `Number` parameters, not to `{}`", key, p.type.text));
    }
  }
  for (auto [low, high] : {std::pair{"min_length", "max_length"}, std::pair{"min_value", "max_value"}}) {
    auto lo = index.find(low), hi = index.find(high);
    if (lo == index.end() || hi == index.end()) continue;
    if (lo->second->value.kind != Kind::Number || hi->second->value.kind != Kind::Number) continue;
    if (std::strtod(lo->second->value.text.c_str(), nullptr) > std::strtod(hi->second->value.text.c_str(), nullptr)) {
      auto& d = diagnostics.error(lo->second->value.span, fmt::format("`{}` is greater than `{}`: no value can satisfy both", low, high));
      d.notes.push_back({hi->second->value.span, fmt::format("`{}` is set here", high)});
    }
  }
  if (auto it = index.find("allowed_values"); it != index.end()) {
    const ast::Expr& v = it->second->value;
    if (v.kind != Kind::List || !std::all_of(v.items.begin(), v.items.end(), is_scalar)) {
      if (v.kind != Kind::Invalid) diagnostics.error(v.span, "`allowed_values` takes a list of strings or numbers");
    }
  }
  const ast::Expr* default_value = p.default_value ? &*p.default_value : nullptr;
  if (auto it = index.find("default"); it != index.end()) {
    if (default_value) {
      auto& d = diagnostics.error(it->second->keyword_span, "parameter `" + p.name + "` has two defaults");
      d.notes.push_back({default_value->span, "the other default is given here with `=`"});
    }
    default_value = &it->second->value;
  }
  if (auto it = index.find("no_echo"); default_value && it != index.end() && it->second->value.boolean) {
    diagnostics.mark_secret(default_value->span);
    mark_secret_values(*default_value, diagnostics);
    auto& d = diagnostics.warning(default_value->span, "the default of no_echo parameter `" + p.name +
                                                           "` is stored in the template in clear text",
                                  warning_kind::kNoEchoDefault);
    d.notes.push_back({std::nullopt, "pass the value at deploy time, or use an `AWS::SSM::Parameter::Value<String>` parameter"});
  }
  if (default_value) {
    const ast::Expr& v = *default_value;
    bool list_ok = v.kind == Kind::List && is_list_parameter_type(p.type.text) &&
                   std::all_of(v.items.begin(), v.items.end(), is_scalar);
    if (!is_scalar(v) && !list_ok && v.kind != Kind::Invalid) {
      if (v.kind == Kind::Text || v.kind == Kind::Reference || v.kind == Kind::Call) {
        check_literal(v, none, diagnostics);
      } else {
        diagnostics.error(v.span, is_list_parameter_type(p.type.text)
                                      ? "a default of a list parameter is a string \"a,b\" or a list of strings"
                                      : "a default is a string, a number or a boolean");
      }
    }
  }
}

void check_mapping(const ast::Mapping& m, Diagnostics& diagnostics) {
  if (m.body.kind != Kind::Map) return;
  check_literal(m.body, StackSymbols{}, diagnostics);
  if (m.body.entries.empty()) diagnostics.error(m.name_span, "mapping `" + m.name + "` is empty");
  for (const auto& top : m.body.entries) {
    if (top.value.kind != Kind::Map) {
      diagnostics.error(top.value.span, "each key of a mapping holds a map of second-level keys, such as `{ Ami: \"ami-123\" }`");
      continue;
    }
    for (const auto& second : top.value.entries) {
      const ast::Expr& v = second.value;
      bool ok = is_scalar(v) || (v.kind == Kind::List && std::all_of(v.items.begin(), v.items.end(), is_scalar));
      if (!ok && v.kind != Kind::Invalid) diagnostics.error(v.span, "a mapping value is a string, a number or a list of them");
    }
  }
}

void check_rule(const ast::Rule& r, const StackSymbols& symbols, Diagnostics& diagnostics) {
  if (r.condition) check_expression(*r.condition, {ExprContext::Where::Rule}, symbols, diagnostics);
  if (r.assertions.empty()) {
    auto& d = diagnostics.error(r.name_span, "rule `" + r.name + "` asserts nothing; CloudFormation requires at least one assertion");
    d.notes.push_back({std::nullopt, "write `assert contains([\"a\", \"b\"], Parameter) \"description\"` in the rule"});
  }
  for (const auto& a : r.assertions) {
    check_expression(a.assertion, {ExprContext::Where::Rule}, symbols, diagnostics);
    if (a.description && a.description->kind != Kind::String && a.description->kind != Kind::Invalid) {
      diagnostics.error(a.description->span, "an assertion's description is a string without interpolation");
    }
  }
}

void check_condition(const ast::Condition& c, const StackSymbols& symbols, Diagnostics& diagnostics) {
  check_expression(c.expression, {ExprContext::Where::Condition}, symbols, diagnostics);
}

void check_resource(const ast::Resource& r, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics) {
  if (!r.type.text.empty() && r.type.text.find("::") == std::string::npos) {
    diagnostics.error(r.type.span, "a resource type has the form `AWS::Service::Resource` (or `Custom::Name`), not `" + r.type.text + "`");
  }
  auto index = index_attributes(r.attributes,
                                {"depends_on", "condition", "deletion_policy", "update_replace_policy", "update_policy",
                                 "creation_policy", "metadata", "silence"},
                                "resource", diagnostics);
  ExprContext context{ExprContext::Where::Resource, &r};
  if (auto it = index.find("depends_on"); it != index.end()) {
    const ast::Expr& v = it->second->value;
    std::vector<const ast::Expr*> names;
    if (v.kind == Kind::List) {
      for (const auto& item : v.items) names.push_back(&item);
    } else {
      names.push_back(&v);
    }
    if (v.kind == Kind::List && v.items.empty()) diagnostics.error(v.span, "`depends_on` lists no resource; leave it out");
    std::set<std::string> seen_names;
    const std::map<std::string, Span> referenced = unguarded_references(r, references);
    for (const ast::Expr* name : names) {
      if (name->kind == Kind::Invalid) continue;
      if (name->kind == Kind::Reference && !seen_names.insert(name->name).second) {
        diagnostics.error(name->span, "`" + name->name + "` is listed twice in `depends_on`");
        continue;
      }
      if (name->kind != Kind::Reference || !name->attribute.empty()) {
        diagnostics.error(name->span, "`depends_on` takes a resource name or a list of them");
      } else if (name->name == r.name) {
        diagnostics.error(name->span, "resource `" + r.name + "` depends on itself");
      } else if (!symbols.resources.count(name->name)) {
        auto& d = diagnostics.error(name->span, "`depends_on` names `" + name->name + "`, which is not a resource of this stack");
        add_did_you_mean(d, name->name, names_of(symbols.resources));
      } else if (auto implied = referenced.find(name->name); implied != referenced.end()) {
        auto& d = diagnostics.warning(name->span, "`depends_on " + name->name + "` is implied: `" + r.name + "` already refers to `" +
                                                      name->name + "`",
                                      warning_kind::kDependsOnImplied);
        d.notes.push_back({implied->second, "CloudFormation orders the two by this reference; leave `" + name->name + "` out of `depends_on`"});
      }
    }
  }
  if (auto it = index.find("condition"); it != index.end()) check_name_reference(it->second->value, symbols.conditions, diagnostics);
  if (auto it = index.find("deletion_policy"); it != index.end()) {
    check_choice(*it->second, {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"}, diagnostics);
  }
  if (auto it = index.find("update_replace_policy"); it != index.end()) {
    check_choice(*it->second, {"Delete", "Retain", "Snapshot"}, diagnostics);
  }
  for (const char* key : {"update_policy", "creation_policy", "metadata"}) {
    if (auto it = index.find(key); it != index.end() && expect_map(*it->second, diagnostics)) {
      check_expression(it->second->value, context, symbols, diagnostics);
    }
  }
  std::map<std::string, const ast::Property*> seen;
  for (const auto& p : r.properties) {
    if (std::optional<std::string> keyword = attribute_keyword_for(p.name)) {
      attribute_written_as_property(r, p, *keyword, diagnostics);
      continue;  // its value means the attribute's, not a property's: `Condition: IsProd` is no if()
    }
    auto [it, inserted] = seen.emplace(p.name, &p);
    if (!inserted) {
      auto& d = diagnostics.error(p.name_span, "property `" + p.name + "` is given twice");
      d.notes.push_back({it->second->name_span, "first given here"});
    }
    check_expression(p.value, context, symbols, diagnostics);
  }
}

void check_output(const ast::Output& o, const StackSymbols& symbols, Diagnostics& diagnostics) {
  auto index = index_attributes(o.attributes, {"description", "export", "condition", "silence"}, "output", diagnostics);
  ExprContext context{ExprContext::Where::Output};
  if (o.value.kind == Kind::List || o.value.kind == Kind::Map) {
    auto& d = diagnostics.error(o.value.span, "an output value must be a string");
    if (o.value.kind == Kind::List) d.notes.push_back({std::nullopt, "join a list into one string: `join(\",\", [...])`"});
  } else {
    check_expression(o.value, context, symbols, diagnostics);
  }
  check_description(index, 1024, "an output", diagnostics);
  if (auto it = index.find("condition"); it != index.end()) check_name_reference(it->second->value, symbols.conditions, diagnostics);
  if (auto it = index.find("export"); it != index.end()) {
    const ast::Expr& v = it->second->value;
    if (v.kind == Kind::List || v.kind == Kind::Map || v.kind == Kind::Number || v.kind == Kind::Bool) {
      diagnostics.error(v.span, "`export` takes the export's name, such as \"<<AWS::StackName>>-VpcId\"");
    } else {
      check_expression(v, context, symbols, diagnostics);
    }
  }
}

}  // namespace infrac
