#include "check/expressions.hpp"

#include "ast/lookup.hpp"
#include "ast/number.hpp"

#include "check/parameter_types.hpp"
#include "check/references.hpp"
#include "lower/lower_expr.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;
using Where = ExprContext::Where;

// Where a function may be used: CloudFormation allows the condition functions only in
// Conditions and Rules, `condition(...)` only in Conditions, the rule functions only in Rules.
enum class Section { Values, ConditionsAndRules, Conditions, Rules };

struct FunctionShape {
  const char* name;
  std::size_t min_args;
  std::size_t max_args;
  const char* usage;
  Section section;
};

const std::vector<FunctionShape>& functions() {
  static const std::vector<FunctionShape> table = {
      {"base64", 1, 1, "base64(value)", Section::Values},
      {"cidr", 3, 3, "cidr(ip_block, count, cidr_bits)", Section::Values},
      {"find_in_map", 3, 3, "find_in_map(MappingName, top_level_key, second_level_key)", Section::Values},
      {"get_att", 2, 2, "get_att(Resource, \"Attribute\")", Section::Values},
      {"get_azs", 0, 1, "get_azs()` or `get_azs(region)", Section::Values},
      {"import_value", 1, 1, "import_value(export_name)", Section::Values},
      {"join", 2, 2, "join(delimiter, [values])", Section::Values},
      {"select", 2, 2, "select(index, [values])", Section::Values},
      {"split", 2, 2, "split(delimiter, text)", Section::Values},
      {"sub", 1, 2, "sub(\"text with ${Name}\")` or `sub(\"text ${Var}\", { Var: value })", Section::Values},
      {"if", 3, 3, "if(ConditionName, value_if_true, value_if_false)", Section::Values},
      {"equals", 2, 2, "equals(a, b)", Section::ConditionsAndRules},
      {"and", 2, 10, "and(condition, condition, ...)", Section::ConditionsAndRules},
      {"or", 2, 10, "or(condition, condition, ...)", Section::ConditionsAndRules},
      {"not", 1, 1, "not(condition)", Section::ConditionsAndRules},
      {"condition", 1, 1, "condition(ConditionName)", Section::Conditions},
      {"contains", 2, 2, "contains([values], value)", Section::Rules},
      {"each_member_equals", 2, 2, "each_member_equals([values], value)", Section::Rules},
      {"each_member_in", 2, 2, "each_member_in([values], [allowed values])", Section::Rules},
      {"ref_all", 1, 1, "ref_all(\"AWS::EC2::VPC::Id\")", Section::Rules},
      {"value_of", 2, 2, "value_of(Parameter, \"Attribute\")", Section::Rules},
      {"value_of_all", 2, 2, "value_of_all(\"AWS::EC2::VPC::Id\", \"Attribute\")", Section::Rules},
      {"ref", 1, 1, "ref(Name)", Section::Values},
      {"file", 1, 1, "file(\"relative/path.sh\")", Section::Values},
      {"range", 1, 2, "range(end)` or `range(first, end)", Section::Values},
  };
  return table;
}

const FunctionShape* find_function(const std::string& name) {
  for (const auto& f : functions()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::vector<std::string> function_names() {
  std::vector<std::string> out;
  for (const auto& f : functions()) out.emplace_back(f.name);
  return out;
}

class ExprChecker {
 public:
  ExprChecker(const ExprContext& context, const StackSymbols& symbols, Diagnostics& diagnostics)
      : context_(context), symbols_(symbols), diagnostics_(diagnostics) {}

  void top(const ast::Expr& e) {
    if (context_.where == Where::Condition && !is_condition_function(e)) {
      diagnostics_.error(e.span, "a condition must be `equals(...)`, `and(...)`, `or(...)`, `not(...)` or `condition(Name)`");
      return;
    }
    if (context_.where == Where::Rule && !is_condition_function(e)) {
      diagnostics_.error(e.span, "a rule's condition or assertion must be `equals`, `and`, `or`, `not`, `contains`, "
                                 "`each_member_equals` or `each_member_in`");
      return;
    }
    visit(e);
  }

 private:
  const ExprContext& context_;
  const StackSymbols& symbols_;
  Diagnostics& diagnostics_;
  bool inside_import_value_ = false;

  // A function that yields true or false in this section.
  bool is_condition_function(const ast::Expr& e) const {
    if (e.kind != Kind::Call) return e.kind == Kind::Invalid;
    const FunctionShape* f = find_function(e.name);
    if (!f) return false;
    if (context_.where == Where::Rule) {
      return f->section == Section::ConditionsAndRules || e.name == "contains" || e.name == "each_member_equals" ||
             e.name == "each_member_in";
    }
    return f->section == Section::ConditionsAndRules || f->section == Section::Conditions;
  }

  void visit(const ast::Expr& e) {
    switch (e.kind) {
      case Kind::Number:
        number(e);
        return;
      case Kind::String:
      case Kind::Bool:
      case Kind::Spread:  // resolved before checking
      case Kind::Absent:
      case Kind::Invalid:
        return;
      case Kind::List:
        for (const auto& item : e.items) visit(item);
        return;
      case Kind::Map:
        {
          std::map<std::string, Span> keys;
          for (const auto& entry : e.entries) {
            if (auto [it, inserted] = keys.emplace(entry.key, entry.key_span); !inserted) {
              auto& d = diagnostics_.error(entry.key_span, "key `" + entry.key + "` appears twice in this map");
              d.notes.push_back({it->second, "first given here"});
            }
            visit(entry.value);
          }
          written_out_intrinsic(e);
        }
        return;
      case Kind::Text:
        if (context_.where == Where::Condition) {
          diagnostics_.error(e.span, "interpolation cannot be used in a condition: CloudFormation allows no Fn::Sub there");
          return;
        }
        if (context_.where == Where::Rule) {
          diagnostics_.error(e.span, "interpolation cannot be used in a rule: CloudFormation allows no Fn::Sub there");
          return;
        }
        if (context_.where == Where::Literal) {
          diagnostics_.error(e.span, "interpolation is not allowed here: this value must be written out");
          return;
        }
        for (const auto& part : e.parts) {
          if (part.kind == ast::TextPart::Kind::Reference) reference(part.text, part.attribute, part.span, Spelling::Interpolated);
        }
        return;
      case Kind::Reference:
        if (context_.where == Where::Literal) {
          diagnostics_.error(e.span, "`" + e.name + "` is a reference; this value must be written out");
          return;
        }
        reference(e.name, e.attribute, e.span, Spelling::Bare);
        return;
      case Kind::Call:
        call(e);
        return;
    }
  }

  enum class Spelling { Bare, Interpolated, WrittenOut };  // `Name`, `<<Name>>`, `{ Ref: "Name" }`

  void reference(const std::string& name, const std::string& attribute, Span span, Spelling spelling) {
    const bool interpolated = spelling == Spelling::Interpolated;
    if (is_pseudo_parameter(name)) {
      if (!attribute.empty()) diagnostics_.error(span, "pseudo parameter `" + name + "` has no attributes");
      if (interpolated && name == "AWS::NotificationARNs") {
        diagnostics_.error(span, "`AWS::NotificationARNs` is a list; a list cannot be interpolated into text");
      }
      if (interpolated && name == "AWS::NoValue") {
        diagnostics_.error(span, "`AWS::NoValue` removes a property; it cannot be interpolated into text");
      }
      return;
    }
    if (auto p = symbols_.parameters.find(name); p != symbols_.parameters.end()) {
      if (interpolated && attribute.empty() && is_list_parameter_type(p->second->type.text)) {
        auto& d = diagnostics_.error(span, "parameter `" + name + "` is a list (`" + p->second->type.text + "`); a list cannot be interpolated into text");
        d.notes.push_back({std::nullopt, "join it outside the text: join(\"\", [\"before \", join(\",\", " + name + ")])"});
      }
      if (!attribute.empty()) {
        auto& d = diagnostics_.error(span, "parameter `" + name + "` has no attribute `" + attribute + "`");
        d.notes.push_back({std::nullopt, "`Name.Attribute` reads an attribute of a resource; a parameter is used by its name alone"});
      }
      return;
    }
    if (auto r = symbols_.resources.find(name); r != symbols_.resources.end()) {
      if (context_.where == Where::Rule) {
        diagnostics_.error(span, "a rule cannot depend on resource `" + name + "`: rules check parameters, before any resource exists");
      } else if (context_.where == Where::Condition) {
        diagnostics_.error(span, "a condition cannot depend on resource `" + name + "`: only on parameters and mappings");
      } else if (inside_import_value_) {
        diagnostics_.error(span, "`import_value` cannot depend on resource `" + name + "`: CloudFormation resolves it before creating resources");
      } else if (context_.resource == r->second) {
        diagnostics_.error(span, "resource `" + name + "` refers to itself");
      } else if (context_.where == Where::Template) {
        diagnostics_.error(span, "`" + name + "` cannot be referenced here");
      }
      return;
    }
    if (symbols_.conditions.count(name)) {
      diagnostics_.error(span, "`" + name + "` is a condition; use it as `if(" + name + ", value_if_true, value_if_false)`" +
                                   (context_.where == Where::Condition ? " or `condition(" + name + ")`" : ""));
      return;
    }
    if (symbols_.mappings.count(name)) {
      diagnostics_.error(span, "`" + name + "` is a mapping; read it with `find_in_map(" + name + ", key, key)`");
      return;
    }
    auto& d = diagnostics_.error(span, "unknown name `" + name + "`");
    if (symbols_.outputs.count(name)) {
      d.notes.push_back({symbols_.outputs.at(name)->name_span, "`" + name + "` is an output; a stack cannot refer to its own outputs"});
    } else {
      add_did_you_mean(d, name, symbols_.referable_names());
      if (interpolated && attribute.empty() && d.notes.empty()) {
        d.notes.push_back({std::nullopt, "for the literal text `<<" + name + ">>` (a heredoc, say), write `<<!" + name + ">>`"});
      }
      if (d.notes.empty() && name.find("::") == std::string::npos && spelling == Spelling::Bare) {
        d.notes.push_back({std::nullopt, "a bare name refers to a parameter or resource of this stack; write text in quotes: \"" + name + "\""});
      }
    }
  }

  // JSON has no leading zeros and no integers past 64 bits: say so rather than let a value change.
  void number(const ast::Expr& e) {
    std::string_view digits = e.text;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') {
      auto& d = diagnostics_.error(e.span, "a number cannot start with `0`: JSON would drop the zero");
      d.notes.push_back({std::nullopt, "for an identifier such as an account id, write it as a string: \"" + e.text + "\""});
    } else if (std::optional<std::string> problem = ast::number_problem(e.text)) {
      auto& d = diagnostics_.error(e.span, "this number " + *problem);
      d.notes.push_back({std::nullopt, "write it as a string: \"" + e.text + "\""});
    }
  }

  // Intrinsic functions written out by hand (`{ Ref: "X" }`, `{ "Fn::GetAtt": "X.Arn" }`,
  // `{ "Fn::Sub": "${X}" }`, `{ "Fn::If": ["C", a, b] }`, `{ Condition: "C" }`,
  // `{ "Fn::FindInMap": ["M", k, k] }`) name things too; the one walker says which.
  void written_out_intrinsic(const ast::Expr& map) {
    if (map.entries.size() != 1) return;
    SourceMap sources;
    const Json lowered = lower_expr(map, sources, cfn::JsonPointer());
    cfn::for_each_own_reference(lowered, cfn::JsonPointer(), [&](const cfn::Reference& r) {
      const Span span = sources.find(r).value_or(map.span);
      switch (r.kind) {
        case cfn::ReferenceKind::Ref:
        case cfn::ReferenceKind::GetAtt:
          reference(r.name, r.attribute, span, Spelling::WrittenOut);
          return;
        case cfn::ReferenceKind::Condition:
          if (!symbols_.conditions.count(r.name)) add_did_you_mean(diagnostics_.error(span, "unknown condition `" + r.name + "`"), r.name, names_of(symbols_.conditions));
          return;
        case cfn::ReferenceKind::Mapping:
          if (!symbols_.mappings.count(r.name)) add_did_you_mean(diagnostics_.error(span, "unknown mapping `" + r.name + "`"), r.name, names_of(symbols_.mappings));
          return;
        case cfn::ReferenceKind::DependsOn:
          return;
      }
    });
  }

  // The first argument of if/condition/find_in_map/get_att/ref is a name, not a value.
  const ast::Expr* name_argument(const ast::Expr& call, const char* what) {
    const ast::Expr& arg = call.items.front();
    if (arg.kind != Kind::Reference || !arg.attribute.empty()) {
      if (arg.kind != Kind::Invalid) diagnostics_.error(arg.span, fmt::format("the first argument of `{}` must be the name of {}", call.name, what));
      return nullptr;
    }
    return &arg;
  }

  void named(const ast::Expr& arg, const std::vector<std::string>& candidates, bool known, const char* what) {
    if (known) return;
    auto& d = diagnostics_.error(arg.span, fmt::format("unknown {} `{}`", what, arg.name));
    add_did_you_mean(d, arg.name, candidates);
  }

  void call(const ast::Expr& e) {
    const FunctionShape* f = find_function(e.name);
    if (!f) {
      auto& d = diagnostics_.error(e.name_span, "unknown function `" + e.name + "`");
      add_did_you_mean(d, e.name, function_names());
      for (const auto& item : e.items) visit(item);
      return;
    }
    if (e.items.size() < f->min_args || e.items.size() > f->max_args) {
      diagnostics_.error(e.span, fmt::format("`{}` takes {}; write `{}`", e.name,
                                             f->min_args == f->max_args ? fmt::format("{} argument{}", f->min_args, f->min_args == 1 ? "" : "s")
                                             : f->min_args == 0 ? fmt::format("at most {} argument{}", f->max_args, f->max_args == 1 ? "" : "s")
                                                                : fmt::format("{} to {} arguments", f->min_args, f->max_args),
                                             f->usage));
      return;
    }
    if (context_.where == Where::Literal) {
      diagnostics_.error(e.span, "`" + e.name + "(...)` is not allowed here: this value must be written out");
      return;
    }
    const bool in_condition = context_.where == Where::Condition, in_rule = context_.where == Where::Rule;
    if (f->section == Section::Rules && !in_rule) {
      auto& d = diagnostics_.error(e.name_span, "`" + e.name + "` can only be used in a rule");
      d.notes.push_back({std::nullopt, "declare `rule Name { assert " + std::string(f->usage) + " \"description\" }`"});
      return;
    }
    if ((f->section == Section::Conditions || f->section == Section::ConditionsAndRules) && !in_condition && !in_rule) {
      auto& d = diagnostics_.error(e.name_span, "`" + e.name + "` can only be used in a condition declaration");
      d.notes.push_back({std::nullopt, "declare `condition Name = " + std::string(f->usage) + "` and use `if(Name, a, b)` here"});
      return;
    }
    if (f->section == Section::Conditions && in_rule) {
      diagnostics_.error(e.name_span, "`condition(...)` cannot be used in a rule: CloudFormation evaluates rules before conditions");
      return;
    }
    if (f->section == Section::Values && in_condition && e.name != "find_in_map" && e.name != "ref") {
      diagnostics_.error(e.name_span, "`" + e.name + "` cannot be used in a condition");
      return;
    }
    if (f->section == Section::Values && in_rule && e.name != "ref") {
      diagnostics_.error(e.name_span, "`" + e.name + "` cannot be used in a rule");
      return;
    }
    if (e.name == "and" || e.name == "or" || e.name == "not") {
      for (const auto& item : e.items) {
        if (!is_condition_function(item)) {
          diagnostics_.error(item.span, "the arguments of `" + e.name + "` are conditions: `equals(...)`, `and(...)`, `or(...)`, `not(...)` or `condition(Name)`");
        }
      }
    }
    if (e.name == "equals") {
      for (const auto& item : e.items) {
        if (item.kind == Kind::Call && is_condition_function(item)) {
          diagnostics_.error(item.span, "the arguments of `equals` are values, not conditions");
        }
      }
    }
    std::size_t first_value = 0;
    if (e.name == "if") {
      if (const ast::Expr* name = name_argument(e, "a condition")) named(*name, names_of(symbols_.conditions), symbols_.conditions.count(name->name) > 0, "condition");
      first_value = 1;
    } else if (e.name == "condition") {
      if (const ast::Expr* name = name_argument(e, "a condition")) named(*name, names_of(symbols_.conditions), symbols_.conditions.count(name->name) > 0, "condition");
      first_value = 1;
    } else if (e.name == "find_in_map") {
      if (const ast::Expr* name = name_argument(e, "a mapping")) {
        named(*name, names_of(symbols_.mappings), symbols_.mappings.count(name->name) > 0, "mapping");
        if (auto m = symbols_.mappings.find(name->name); m != symbols_.mappings.end()) mapping_keys(*m->second, e);
      }
      first_value = 1;
    } else if (e.name == "get_att") {
      if (const ast::Expr* name = name_argument(e, "a resource")) {
        named(*name, names_of(symbols_.resources), symbols_.resources.count(name->name) > 0, "resource");
        if (context_.resource && context_.resource->name == name->name) diagnostics_.error(name->span, "resource `" + name->name + "` refers to itself");
      }
      const ast::Expr& attribute = e.items[1];
      if (attribute.kind != Kind::String && attribute.kind != Kind::Invalid) {
        diagnostics_.error(attribute.span, "the attribute of `get_att` must be a string without interpolation, such as \"Arn\"");
      }
      return;
    } else if (e.name == "ref") {
      if (const ast::Expr* name = name_argument(e, "a parameter or resource")) reference(name->name, {}, name->span, Spelling::Bare);
      first_value = 1;
    } else if (e.name == "value_of") {
      if (const ast::Expr* name = name_argument(e, "a parameter")) {
        named(*name, names_of(symbols_.parameters), symbols_.parameters.count(name->name) > 0, "parameter");
      }
      first_value = 1;
    } else if (e.name == "sub") {
      sub(e);
      return;
    } else if (e.name == "import_value") {
      bool outer = inside_import_value_;
      inside_import_value_ = true;
      visit(e.items[0]);
      inside_import_value_ = outer;
      return;
    }
    for (std::size_t i = first_value; i < e.items.size(); ++i) visit(e.items[i]);
  }

  // Keys written as literals must be in the mapping: CloudFormation fails the deploy otherwise (cfn-lint E1011).
  void mapping_keys(const ast::Mapping& mapping, const ast::Expr& call) {
    const ast::Expr* level = &mapping.body;
    for (std::size_t i = 1; i < 3 && level->kind == Kind::Map; ++i) {
      const ast::Expr& key = call.items[i];
      if (key.kind != Kind::String && key.kind != Kind::Number) return;
      const ast::Expr* next = ast::find_entry(*level, key.text);
      if (!next) {
        auto& d = diagnostics_.error(key.span, fmt::format("mapping `{}` has no {} key `{}`{}", mapping.name, i == 1 ? "top-level" : "second-level",
                                                           key.text, i == 1 ? "" : " under `" + call.items[1].text + "`"));
        std::vector<std::string> keys;
        for (const auto& entry : level->entries) keys.push_back(entry.key);
        add_did_you_mean(d, key.text, keys);
        d.notes.push_back({mapping.name_span, "the mapping is declared here"});
        return;
      }
      level = next;
    }
  }

  // sub() passes its text to CloudFormation as written, so check the ${...} names it uses.
  void sub(const ast::Expr& e) {
    const ast::Expr& text = e.items[0];
    if (text.kind == Kind::Text) {
      auto& d = diagnostics_.error(text.span, "`sub` takes CloudFormation's own `${Name}` syntax; `<<Name>>` interpolation is not allowed inside it");
      d.notes.push_back({std::nullopt, "drop `sub(...)`: a string with `<<Name>>` compiles to Fn::Sub by itself"});
      return;
    }
    if (text.kind != Kind::String) {
      if (text.kind != Kind::Invalid) diagnostics_.error(text.span, "the first argument of `sub` must be a string");
      return;
    }
    std::set<std::string> variables;
    if (e.items.size() == 2) {
      const ast::Expr& map = e.items[1];
      if (map.kind != Kind::Map) {
        diagnostics_.error(map.span, "the second argument of `sub` must be a map of variables, such as `{ Name: value }`");
        return;
      }
      for (const auto& entry : map.entries) variables.insert(entry.key);
      visit(map);
    }
    for_each_sub_variable(text.text, [&](const std::string& variable) {
      std::string name = variable.substr(0, variable.find('.'));
      if (variables.count(variable) || variables.count(name) || is_pseudo_parameter(name) || symbols_.parameters.count(name) ||
          symbols_.resources.count(name)) {
        return;
      }
      auto& d = diagnostics_.error(text.span, "`${" + variable + "}` in `sub` names nothing: no parameter, resource or variable `" + name + "`");
      std::vector<std::string> candidates = symbols_.referable_names();
      candidates.insert(candidates.end(), variables.begin(), variables.end());
      add_did_you_mean(d, name, candidates);
      d.notes.push_back({std::nullopt, "write `${!" + variable + "}` for a literal `${" + variable + "}`"});
    });
  }
};

}  // namespace

void check_expression(const ast::Expr& expr, const ExprContext& context, const StackSymbols& symbols,
                      Diagnostics& diagnostics) {
  ExprChecker(context, symbols, diagnostics).top(expr);
}

}  // namespace infrac
