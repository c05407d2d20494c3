#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// A default that breaks its own parameter's constraints fails every stack
// create that relies on it: check it against allowed values, pattern and bounds.
void check_parameter_default(const ast::Parameter& parameter, Diagnostics& diagnostics);

}  // namespace infrac
