#pragma once
#include "ast/ast.hpp"
#include "check/references.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Resources that depend on each other in a cycle (through Ref, GetAtt,
// interpolation, sub() and depends_on) can never be created: report each
// cycle once, with the reference that closes every step.
void check_dependency_cycles(const ast::Stack& stack, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics);

}  // namespace infrac
