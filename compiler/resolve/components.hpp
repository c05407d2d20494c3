#pragma once
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Expands every `use Component as Name { args }`: the component's declarations
// join the stack with `Name` before their names (so instances never collide),
// its parameters are replaced by the arguments, and its policy statements join
// the stack's policy. Each expanded declaration remembers where it was
// instantiated, so that diagnostics about it can say so.
void expand_components(std::vector<ast::Module>& modules, const SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
