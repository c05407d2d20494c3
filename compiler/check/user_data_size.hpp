#pragma once
// EC2 takes at most 16 KB of user data before base64, measured after
// CloudFormation has filled in the values. A value's length is known for pseudo
// parameters (at their longest: `AWS::Region` in us-isof-south-1) and for
// parameters bounded by `max_length` or `allowed_values`; resource attributes and
// unbounded parameters can be any length, and the diagnostics say so.
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

void check_user_data_sizes(const ast::Stack& stack, Diagnostics& diagnostics);

}  // namespace infrac
