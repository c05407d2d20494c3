#include "check/references.hpp"

#include "lower/lower_expr.hpp"

namespace infrac {

void for_each_source_reference(const ast::Expr& expr, const std::function<void(const SourceReference&)>& visit) {
  SourceMap sources;
  const Json lowered = lower_expr(expr, sources, cfn::JsonPointer());
  cfn::for_each_reference(lowered, cfn::JsonPointer(), [&](const cfn::Reference& r) {
    visit({r.kind, r.name, r.attribute, sources.find(r).value_or(expr.span), r.under});
  });
}

void for_each_guarded_reference(const ast::Expr& expr, const GuardedReferenceVisitor& visit) {
  for_each_source_reference(expr, [&](const SourceReference& r) {
    if (r.kind != cfn::ReferenceKind::Ref && r.kind != cfn::ReferenceKind::GetAtt) return;
    std::vector<ReferenceGuard> guards;
    for (const auto& b : r.under) guards.push_back({b.condition, b.when});
    visit(r.name, r.span, guards);
  });
}

void for_each_reference(const ast::Expr& expr, const ReferenceVisitor& visit) {
  for_each_guarded_reference(expr, [&](const std::string& name, Span span, const std::vector<ReferenceGuard>&) { visit(name, span); });
}

}  // namespace infrac
