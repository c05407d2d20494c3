#pragma once
// Every name an expression refers to as a value: Ref, GetAtt, interpolation,
// `${Name}` inside sub(), get_att() and ref(). Condition and mapping names in
// their own argument slots are not values and are not reported.
#include <functional>
#include <string>

#include "ast/ast.hpp"
#include "cfn/references.hpp"

namespace infrac {

using ReferenceVisitor = std::function<void(const std::string& name, Span span)>;

void for_each_reference(const ast::Expr& expr, const ReferenceVisitor& visit);

// The `${Variable}` names of an Fn::Sub string (`${!Literal}` is text), as written: "Res.Attr" stays whole.
using cfn::for_each_sub_variable;

}  // namespace infrac
