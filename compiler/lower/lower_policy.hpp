#pragma once
#include "ast/ast.hpp"
#include "lower/template_model.hpp"

namespace infrac {

// The stack policy document. No declared policy gives the safe default: deny every update.
Json lower_policy(const ast::Stack& stack);

}  // namespace infrac
