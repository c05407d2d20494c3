#pragma once
// Every name an expression refers to as a value: Ref, GetAtt, interpolation,
// `${Name}` inside sub(), get_att() and ref(). Condition and mapping names in
// their own argument slots are not values and are not reported.
#include <functional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/references.hpp"

namespace infrac {

using ReferenceVisitor = std::function<void(const std::string& name, Span span)>;

void for_each_reference(const ast::Expr& expr, const ReferenceVisitor& visit);

// An `if(Condition, then, else)` around a reference: the reference is evaluated
// only when `Condition` is true (in `then`) or false (in `else`).
struct ReferenceGuard {
  std::string condition;
  bool holds = true;
};

// The same walk, with the `if` guards around each reference, outermost first.
using GuardedReferenceVisitor = std::function<void(const std::string& name, Span span, const std::vector<ReferenceGuard>& guards)>;
void for_each_guarded_reference(const ast::Expr& expr, const GuardedReferenceVisitor& visit);

// The `${Variable}` names of an Fn::Sub string (`${!Literal}` is text), as written: "Res.Attr" stays whole.
using cfn::for_each_sub_variable;

}  // namespace infrac
