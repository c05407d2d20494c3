#include "check/references.hpp"

#include "lower/lower_expr.hpp"

namespace infrac {

void for_each_source_reference(const ast::Expr& expr, const std::function<void(const SourceReference&)>& visit) {
  SourceMap sources;
  const Json lowered = lower_expr(expr, sources, PointerText());
  cfn::for_each_reference(lowered, cfn::JsonPointer(), [&](const cfn::Reference& r) {
    visit({r.kind, r.name, r.attribute, sources.find(r).value_or(expr.span), r.under});
  });
}

const std::vector<SourceReference>& StackReferences::of(const ast::Expr& expr) {
  // No structured binding: clang 14 (the fuzz and sanitizer builds) refuses one captured by a lambda.
  const auto emplaced = found_.try_emplace(&expr);
  std::vector<SourceReference>& found = emplaced.first->second;
  if (emplaced.second) for_each_source_reference(expr, [&](const SourceReference& r) { found.push_back(r); });
  return found;
}

void for_each_guarded_reference(const std::vector<SourceReference>& found, const GuardedReferenceVisitor& visit) {
  std::vector<ReferenceGuard> guards;
  for (const auto& r : found) {
    if (r.kind != cfn::ReferenceKind::Ref && r.kind != cfn::ReferenceKind::GetAtt) continue;
    guards.clear();
    for (const auto& b : r.under) guards.push_back({b.condition, b.when});
    visit(r.name, r.span, guards);
  }
}

void for_each_reference(const std::vector<SourceReference>& found, const ReferenceVisitor& visit) {
  for_each_guarded_reference(found, [&](const std::string& name, Span span, const std::vector<ReferenceGuard>&) { visit(name, span); });
}

}  // namespace infrac
