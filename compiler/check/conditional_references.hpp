#pragma once
// A resource with a `condition` does not exist when the condition is false, and
// a template that still refers to it then fails to deploy (cfn-lint W1001 and
// E3005). A reference is allowed where the condition is known to hold: in a
// declaration with the same condition (or one that implies it through `and`),
// or inside the `then` branch of `if(Condition, ...)`.
#include "ast/ast.hpp"
#include "check/references.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

void check_conditional_references(const ast::Resource& resource, const StackSymbols& symbols, StackReferences& references,
                                  Diagnostics& diagnostics);
void check_conditional_references(const ast::Output& output, const StackSymbols& symbols, StackReferences& references,
                                  Diagnostics& diagnostics);

}  // namespace infrac
