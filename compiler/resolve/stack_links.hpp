#pragma once
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Wires `network.VpcId` (an output of stack `network`, used in another stack):
// by default as a parameter of the using stack (`NetworkVpcId`) that the deploy
// step fills from the output; when the output declares an `export`, as
// `import_value` of that export. Stacks that use each other in a cycle are an error.
void link_stacks(std::vector<ast::Module>& modules, Diagnostics& diagnostics);

}  // namespace infrac
