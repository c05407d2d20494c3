#pragma once
// The rebuild closure: which resources a change of one parameter alone would
// update, and how (modify or replace), compared with what the stack policy
// allows. A rebuild that touches a resource the policy protects fails half-way;
// an allowance no rebuild needs protects nothing.
#include <string>

#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"
#include "spec/resource_spec.hpp"

namespace infrac {

void check_rebuild_closure(const ast::Stack& stack, const StackSymbols& symbols, const ResourceSpec& spec,
                           const std::string& parameter, Diagnostics& diagnostics);

}  // namespace infrac
