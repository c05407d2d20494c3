#pragma once
// The CloudFormation parameter type for a parameter that carries another stack's
// output: what the output's value is, where that is known (a subnet's Ref is an
// `AWS::EC2::Subnet::Id`, a join of subnets a `List<AWS::EC2::Subnet::Id>`), so that
// CloudFormation checks the value at deploy time and the console offers a picker.
#include <string>

#include "ast/ast.hpp"

namespace infrac {

// `String` when the value's type is not known.
std::string output_parameter_type(const ast::Stack& producer, const ast::Output& output);

}  // namespace infrac
