#pragma once
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Replaces every use of a `let` with its value, and removes the lets.
// A file's lets are visible in its stacks and in the files that import it;
// a stack's lets only in that stack. In text, `<<Name>>` of a let inserts its
// value as literal text (a let holding interpolation splices it in).
void substitute_lets(std::vector<ast::Module>& modules, const SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
