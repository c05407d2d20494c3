#pragma once
// `silence "kind"` (or a list of kinds) on a parameter, resource or output: the
// warnings of that kind whose place lies in the declaration are not reported, so
// that a warning earned on purpose does not fail `--werror` (grammar/REFERENCE.md,
// "Silencing a warning"). Errors are never silenced.
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Checks every `silence` attribute of the stack and registers its kinds with
// `diagnostics`, which from then on drops those warnings (and those already reported).
void apply_silences(const ast::Stack& stack, Diagnostics& diagnostics);

}  // namespace infrac
