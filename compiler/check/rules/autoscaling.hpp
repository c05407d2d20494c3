#pragma once
#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// How an Auto Scaling group fits with what it launches and how it rolls:
// rules no single property's specification can express.
void check_autoscaling_rules(const ast::Stack& stack, const StackSymbols& symbols, Diagnostics& diagnostics);

}  // namespace infrac
