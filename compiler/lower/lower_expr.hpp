#pragma once
#include "ast/ast.hpp"
#include "lower/source_map.hpp"
#include "lower/template_model.hpp"

namespace infrac {

// A checked expression as CloudFormation JSON: names become Ref and Fn::GetAtt,
// calls become intrinsic functions, interpolated text becomes Fn::Sub.
Json lower_expr(const ast::Expr& expr);
// The same, for the value at `at` of its template, recording in `sources` where each
// piece came from. A call of the wrong shape (only an unchecked expression has one)
// becomes a plain map `{ "name": [arguments] }`, so walkers still see its arguments.
Json lower_expr(const ast::Expr& expr, SourceMap& sources, const PointerText& at);
Json lower_expr(const ast::Expr& expr, SourceMap& sources, const cfn::JsonPointer& at);

// Interpolated text as an Fn::Sub string: every literal `${` is written `${!`
// so that CloudFormation gives back exactly the original text.
std::string sub_template(const std::vector<ast::TextPart>& parts);

// Whether Fn::Sub's documented escape `${!Literal}` is enough for this text:
// each literal `${` must close with `}` in the same literal piece, with no
// other `${` or interpolation in between (`${a:-${b}}`, `${x:-<<Region>>}` and
// an unclosed `${` are not). Otherwise the text is lowered to Fn::Join.
bool sub_escapes_are_exact(const std::vector<ast::TextPart>& parts);

// Interpolated text as CloudFormation JSON: Fn::Sub where exact, else Fn::Join.
Json text_json(const std::vector<ast::TextPart>& parts);

// A literal as the string CloudFormation stores it (parameter defaults and allowed values).
std::string scalar_text(const ast::Expr& expr);

}  // namespace infrac
