#pragma once
#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Where an expression appears decides what it may use: condition functions
// only in conditions, resources not in conditions, nothing dynamic in parameters.
struct ExprContext {
  enum class Where { Resource, Output, Condition, Rule, Template, Literal };
  Where where = Where::Resource;
  const ast::Resource* resource = nullptr;  // the resource whose property is checked: it cannot refer to itself
};

void check_expression(const ast::Expr& expr, const ExprContext& context, const StackSymbols& symbols,
                      Diagnostics& diagnostics);

}  // namespace infrac
