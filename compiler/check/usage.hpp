#pragma once
#include "ast/ast.hpp"
#include "check/references.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Warnings for parameters, mappings and conditions that nothing uses:
// usually a typo elsewhere, or something left behind.
void check_unused(const ast::Stack& stack, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics);

// CloudFormation's per-template quotas and EC2's user-data limit.
void check_quotas(const ast::Stack& stack, Diagnostics& diagnostics);

}  // namespace infrac
