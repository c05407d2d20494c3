#pragma once
// Phase 3: check the resolved modules. Every name must mean something, every
// declaration must have a shape CloudFormation accepts, and every policy
// target must protect something. Lowering runs only on a program without errors.
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "check/references.hpp"
#include "diagnostics/diagnostics.hpp"
#include "spec/resource_spec.hpp"

namespace infrac {

struct CheckedProgram {
  std::vector<const ast::Stack*> stacks;  // in source order; they point into the modules checked
  // Parallel to `stacks`: the references check found, with the expressions it lowered to
  // find them, which lower() takes instead of lowering them again.
  std::vector<StackReferences> references;
};

struct CheckOptions {
  const ResourceSpec* spec = nullptr;      // without it, types and properties are not checked
  const SourceManager* sources = nullptr;  // to place warnings inside a text exactly
};

CheckedProgram check(const std::vector<ast::Module>& modules, const CheckOptions& options, Diagnostics& diagnostics);

}  // namespace infrac
