#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Replaces every `file("...")` of the module with the file's text, read
// relative to the module's own file, with `<<Name>>` interpolation.
void load_files(ast::Module& module, SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
