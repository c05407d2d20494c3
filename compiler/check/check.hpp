#pragma once
// Phase 3: check the resolved modules. Every name must mean something, every
// declaration must have a shape CloudFormation accepts, and every policy
// target must protect something. Lowering runs only on a program without errors.
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

struct CheckedProgram {
  std::vector<const ast::Stack*> stacks;  // in source order; they point into the modules checked
};

CheckedProgram check(const std::vector<ast::Module>& modules, Diagnostics& diagnostics);

}  // namespace infrac
