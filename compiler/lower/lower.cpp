#include "lower/lower.hpp"

#include "ast/lookup.hpp"
#include "check/parameter_types.hpp"
#include "lower/lower_expr.hpp"
#include "lower/lower_policy.hpp"

namespace infrac {
namespace {

using ast::find_attribute;

// A plain name or string among fixed choices: DeletionPolicy, UpdateReplacePolicy.
Json word_json(const ast::Expr& e) { return e.kind == ast::Expr::Kind::Reference ? Json(e.name) : lower_expr(e); }

// A name, or a list of names, as CloudFormation spells them.
Json names_json(const ast::Expr& e) {
  if (e.kind != ast::Expr::Kind::List) return e.name;
  Json list = Json::array();
  for (const auto& item : e.items) list.push_back(item.name);
  return list;
}

// CloudFormation reads parameter values as strings; a list default is comma-delimited.
Json parameter_value_json(const ast::Expr& e) {
  if (e.kind != ast::Expr::Kind::List) return scalar_text(e);
  std::string joined;
  for (const auto& item : e.items) joined += (joined.empty() ? "" : ",") + scalar_text(item);
  return joined;
}

Json lower_parameter(const ast::Parameter& p, StackReferences& checked, SourceMap& sources, const PointerText& at) {
  sources.record(at, p.name_span);
  Json j;
  j["Type"] = p.type.text;
  const ast::Expr* default_value = p.default_value ? &*p.default_value : nullptr;
  if (const ast::Attribute* a = find_attribute(p.attributes, "default")) default_value = &a->value;
  if (const ast::Attribute* a = find_attribute(p.attributes, "description")) j["Description"] = a->value.text;
  if (default_value) j["Default"] = parameter_value_json(*default_value);
  if (const ast::Attribute* a = find_attribute(p.attributes, "allowed_values")) {
    Json values = Json::array();
    for (const auto& item : a->value.items) values.push_back(scalar_text(item));
    j["AllowedValues"] = std::move(values);
  }
  const std::pair<const char*, const char*> rest[] = {{"allowed_pattern", "AllowedPattern"}, {"min_length", "MinLength"},
                                                      {"max_length", "MaxLength"},           {"min_value", "MinValue"},
                                                      {"max_value", "MaxValue"},             {"no_echo", "NoEcho"},
                                                      {"constraint_description", "ConstraintDescription"}};
  for (const auto& [keyword, key] : rest) {
    if (const ast::Attribute* a = find_attribute(p.attributes, keyword)) j[key] = checked.take_lowered(a->value, sources, at / key);
  }
  return j;
}

Json lower_resource(const ast::Resource& r, StackReferences& checked, SourceMap& sources, const PointerText& at) {
  sources.record(at, r.name_span);
  sources.record(at / "Type", r.type.span);
  Json j;
  j["Type"] = r.type.text;
  if (const ast::Attribute* a = find_attribute(r.attributes, "condition")) j["Condition"] = a->value.name;
  if (const ast::Attribute* a = find_attribute(r.attributes, "depends_on")) j["DependsOn"] = names_json(a->value);
  if (!r.properties.empty()) {
    Json properties = Json::object();
    for (const auto& p : r.properties) properties[p.name] = checked.take_lowered(p.value, sources, at / "Properties" / p.name);
    j["Properties"] = std::move(properties);
  }
  if (const ast::Attribute* a = find_attribute(r.attributes, "creation_policy")) j["CreationPolicy"] = checked.take_lowered(a->value, sources, at / "CreationPolicy");
  if (const ast::Attribute* a = find_attribute(r.attributes, "update_policy")) j["UpdatePolicy"] = checked.take_lowered(a->value, sources, at / "UpdatePolicy");
  if (const ast::Attribute* a = find_attribute(r.attributes, "deletion_policy")) j["DeletionPolicy"] = word_json(a->value);
  if (const ast::Attribute* a = find_attribute(r.attributes, "update_replace_policy")) j["UpdateReplacePolicy"] = word_json(a->value);
  if (const ast::Attribute* a = find_attribute(r.attributes, "metadata")) j["Metadata"] = checked.take_lowered(a->value, sources, at / "Metadata");
  return j;
}

Json lower_output(const ast::Output& o, StackReferences& checked, SourceMap& sources, const PointerText& at) {
  sources.record(at, o.name_span);
  Json j;
  if (const ast::Attribute* a = find_attribute(o.attributes, "description")) j["Description"] = a->value.text;
  if (const ast::Attribute* a = find_attribute(o.attributes, "condition")) j["Condition"] = a->value.name;
  j["Value"] = checked.take_lowered(o.value, sources, at / "Value");
  if (const ast::Attribute* a = find_attribute(o.attributes, "export")) j["Export"] = Json{{"Name", checked.take_lowered(a->value, sources, at / "Export" / "Name")}};
  return j;
}

Json lower_rule(const ast::Rule& r, StackReferences& checked, SourceMap& sources, const PointerText& at) {
  sources.record(at, r.name_span);
  Json j = Json::object();
  if (r.condition) j["RuleCondition"] = checked.take_lowered(*r.condition, sources, at / "RuleCondition");
  Json assertions = Json::array();
  for (const auto& a : r.assertions) {
    const PointerText here = at / "Assertions" / assertions.size();
    Json assertion{{"Assert", checked.take_lowered(a.assertion, sources, here / "Assert")}};
    if (a.description) assertion["AssertDescription"] = checked.take_lowered(*a.description, sources, here / "AssertDescription");
    assertions.push_back(std::move(assertion));
  }
  j["Assertions"] = std::move(assertions);
  return j;
}

template <typename Decl, typename Fn>
void section(Json& body, const char* name, const std::vector<Decl>& decls, Fn&& lower_one) {
  if (decls.empty()) return;
  Json j = Json::object();
  for (const auto& d : decls) j[d.name] = lower_one(d, PointerText() / name / d.name);
  body[name] = std::move(j);
}

// The parameter a rebuild changes: the one declared with `rebuild true`.
std::string rebuild_parameter(const ast::Stack& stack) {
  for (const auto& p : stack.parameters) {
    const ast::Attribute* a = find_attribute(p.attributes, "rebuild");
    if (a && a->value.kind == ast::Expr::Kind::Bool && a->value.boolean) return p.name;
  }
  return {};
}

// `checked`: the expressions check already lowered (StackReferences::take_lowered).
LoweredStack lower_stack(const ast::Stack& stack, StackReferences& checked) {
  LoweredStack lowered;
  SourceMap& sources = lowered.template_sources;
  Json body;
  body["AWSTemplateFormatVersion"] = "2010-09-09";
  if (const ast::Attribute* a = find_attribute(stack.attributes, "description")) body["Description"] = a->value.text;
  if (const ast::Attribute* a = find_attribute(stack.attributes, "metadata")) body["Metadata"] = lower_expr(a->value);
  if (const ast::Attribute* a = find_attribute(stack.attributes, "transform")) body["Transform"] = lower_expr(a->value);
  section(body, "Parameters", stack.parameters, [&](const ast::Parameter& p, const PointerText& at) { return lower_parameter(p, checked, sources, at); });
  section(body, "Rules", stack.rules, [&](const ast::Rule& r, const PointerText& at) { return lower_rule(r, checked, sources, at); });
  section(body, "Mappings", stack.mappings, [&](const ast::Mapping& m, const PointerText& at) { return checked.take_lowered(m.body, sources, at); });
  section(body, "Conditions", stack.conditions, [&](const ast::Condition& c, const PointerText& at) { return checked.take_lowered(c.expression, sources, at); });
  section(body, "Resources", stack.resources, [&](const ast::Resource& r, const PointerText& at) { return lower_resource(r, checked, sources, at); });
  section(body, "Outputs", stack.outputs, [&](const ast::Output& o, const PointerText& at) { return lower_output(o, checked, sources, at); });
  lowered.name = stack.name;
  lowered.template_body = std::move(body);
  lowered.policy_is_default = stack.policies.empty();
  lowered.stack_policy = lower_policy(stack, &lowered.policy_sources);
  lowered.rebuild_parameter = rebuild_parameter(stack);
  for (const auto& d : stack.dependencies) lowered.depends_on.push_back(d.stack);
  for (const auto& i : stack.inputs) lowered.inputs.push_back({i.parameter, i.stack, i.output});
  return lowered;
}

}  // namespace

std::vector<LoweredStack> lower(CheckedProgram& program) {
  std::vector<LoweredStack> out;
  program.references.resize(program.stacks.size());
  for (std::size_t i = 0; i < program.stacks.size(); ++i) {
    out.push_back(lower_stack(*program.stacks[i], program.references[i]));
    program.references[i] = StackReferences();  // what was not taken (DependsOn names, say) is not needed
  }
  return out;
}

}  // namespace infrac
