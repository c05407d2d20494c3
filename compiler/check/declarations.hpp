#pragma once
#include "ast/ast.hpp"
#include "check/references.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

void check_stack_attributes(const ast::Stack& stack, Diagnostics& diagnostics);
void check_parameter(const ast::Parameter& parameter, Diagnostics& diagnostics);
// At most one parameter of a stack is its rebuild parameter (`rebuild true`).
void check_rebuild_parameters(const ast::Stack& stack, Diagnostics& diagnostics);
void check_mapping(const ast::Mapping& mapping, Diagnostics& diagnostics);
void check_rule(const ast::Rule& r, const StackSymbols& symbols, Diagnostics& diagnostics);
void check_condition(const ast::Condition& condition, const StackSymbols& symbols, Diagnostics& diagnostics);
void check_resource(const ast::Resource& resource, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics);
void check_output(const ast::Output& output, const StackSymbols& symbols, Diagnostics& diagnostics);

}  // namespace infrac
