#include "check/usage.hpp"

#include <fmt/format.h>

#include <set>

#include "ast/for_each_expr.hpp"
#include "check/references.hpp"
#include "check/user_data_size.hpp"
#include "diagnostics/warning_kinds.hpp"
#include "resolve/components.hpp"

namespace infrac {

void check_unused(const ast::Stack& stack, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics) {
  std::set<std::string> values, mappings, conditions;
  ast::for_each_expr(stack, [&](const ast::Expr& e) {
    for (const SourceReference& r : references.of(e)) {
      switch (r.kind) {
        case cfn::ReferenceKind::Ref:
        case cfn::ReferenceKind::GetAtt: values.insert(r.name); break;
        case cfn::ReferenceKind::Mapping: mappings.insert(r.name); break;
        case cfn::ReferenceKind::Condition: conditions.insert(r.name); break;
        case cfn::ReferenceKind::DependsOn: break;
      }
    }
  });
  auto condition_attributes = [&](const std::vector<ast::Attribute>& attributes) {
    for (const auto& a : attributes) {
      if (a.keyword == "condition") conditions.insert(a.value.name);
    }
  };
  for (const auto& r : stack.resources) condition_attributes(r.attributes);
  for (const auto& o : stack.outputs) condition_attributes(o.attributes);
  for (const auto& [name, p] : symbols.parameters) {
    if (!values.count(name)) note_instances(diagnostics.warning(p->name_span, "parameter `" + name + "` is never used", warning_kind::kUnused), p->instantiated_at);
  }
  for (const auto& [name, m] : symbols.mappings) {
    if (!mappings.count(name)) note_instances(diagnostics.warning(m->name_span, "mapping `" + name + "` is never used"), m->instantiated_at);
  }
  for (const auto& [name, c] : symbols.conditions) {
    if (!conditions.count(name)) note_instances(diagnostics.warning(c->name_span, "condition `" + name + "` is never used"), c->instantiated_at);
  }
}

namespace {

constexpr std::size_t kMaxResources = 500;
constexpr std::size_t kMaxParameters = 200;
constexpr std::size_t kMaxOutputs = 200;
constexpr std::size_t kMaxMappings = 200;

template <typename Decl>
void quota(const std::vector<Decl>& decls, std::size_t limit, const char* what, const ast::Stack& stack, Diagnostics& diagnostics) {
  if (decls.size() <= limit) return;
  auto& d = diagnostics.error(decls[limit].name_span, fmt::format("stack `{}` declares {} {}; CloudFormation allows at most {}",
                                                                  stack.name, decls.size(), what, limit));
  d.notes.push_back({std::nullopt, "split the stack, or move a group of resources into a stack of its own"});
}

}  // namespace

void check_quotas(const ast::Stack& stack, Diagnostics& diagnostics) {
  quota(stack.resources, kMaxResources, "resources", stack, diagnostics);
  quota(stack.parameters, kMaxParameters, "parameters", stack, diagnostics);
  quota(stack.outputs, kMaxOutputs, "outputs", stack, diagnostics);
  quota(stack.mappings, kMaxMappings, "mappings", stack, diagnostics);
  check_user_data_sizes(stack, diagnostics);
}

}  // namespace infrac
