#include "check/references.hpp"

#include "lower/lower_expr.hpp"

namespace infrac {

const std::vector<SourceReference>& StackReferences::of(const ast::Expr& expr) {
  // No structured binding: clang 14 (the fuzz and sanitizer builds) refuses one captured by a lambda.
  const auto emplaced = found_.try_emplace(&expr);
  Found& found = emplaced.first->second;
  if (emplaced.second) {
    found.lowered = lower_expr(expr, found.sources, PointerText());
    cfn::for_each_reference(found.lowered, cfn::JsonPointer(), [&](const cfn::Reference& r) {
      found.references.push_back({r.kind, r.name, r.attribute, found.sources.find(r).value_or(expr.span), r.under});
    });
  }
  return found.references;
}

void StackReferences::drop_references() {
  for (auto& entry : found_) std::vector<SourceReference>().swap(entry.second.references);
}

Json StackReferences::take_lowered(const ast::Expr& expr, SourceMap& sources, const PointerText& at) {
  auto it = found_.find(&expr);
  if (it == found_.end() || it->second.taken) return lower_expr(expr, sources, at);
  it->second.taken = true;
  sources.add(std::move(it->second.sources), at);
  return std::move(it->second.lowered);
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
