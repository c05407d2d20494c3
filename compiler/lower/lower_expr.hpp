#pragma once
#include "ast/ast.hpp"
#include "lower/template_model.hpp"

namespace infrac {

// A checked expression as CloudFormation JSON: names become Ref and Fn::GetAtt,
// calls become intrinsic functions, interpolated text becomes Fn::Sub.
Json lower_expr(const ast::Expr& expr);

// Interpolated text as an Fn::Sub string: every literal `${` is written `${!`
// so that CloudFormation gives back exactly the original text.
std::string sub_template(const std::vector<ast::TextPart>& parts);

// A literal as the string CloudFormation stores it (parameter defaults and allowed values).
std::string scalar_text(const ast::Expr& expr);

}  // namespace infrac
