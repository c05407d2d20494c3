#pragma once
#include "ast/ast.hpp"
#include "cfn/stack_policy.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// A policy target that protects nothing is an error: a typo there would
// silently leave a resource open or a rebuild blocked.
void check_policies(const ast::Stack& stack, const StackSymbols& symbols, Diagnostics& diagnostics);

// Stack-policy wildcard matching, shared with the policy verdicts of cfn/stack_policy.
using cfn::glob_match;

}  // namespace infrac
