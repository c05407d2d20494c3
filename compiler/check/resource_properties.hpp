#pragma once
// Checks against the CloudFormation resource specification: resource types,
// property names and shapes (nested types included), required properties and
// the attributes that `Res.Attr` names.
#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"
#include "spec/resource_spec.hpp"

namespace infrac {

void check_resource_against_spec(const ast::Stack& stack, const ast::Resource& resource, const StackSymbols& symbols,
                                 const ResourceSpec& spec, Diagnostics& diagnostics);
void check_output_against_spec(const ast::Output& output, const StackSymbols& symbols, const ResourceSpec& spec,
                               Diagnostics& diagnostics);

}  // namespace infrac
