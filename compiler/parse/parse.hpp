#pragma once
// Phase 1: source text -> syntax tree. Syntax errors are reported and the
// broken declarations skipped, so the tree holds every declaration that parsed.
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

ast::Module parse(const SourceManager& sources, FileId file, Diagnostics& diagnostics);

}  // namespace infrac
