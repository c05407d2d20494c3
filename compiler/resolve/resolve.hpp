#pragma once
// Phase 2: resolve what a module refers to outside itself. Today that is
// `file("...")`, loaded relative to the .infra file; imports will join it.
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

ast::Module resolve(ast::Module module, SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
