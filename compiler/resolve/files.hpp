#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "io/safe_read.hpp"

namespace infrac {

// Replaces every `file("...")` of the module with the file's text, read
// relative to the module's own file, with `<<Name>>` interpolation.
// Only files inside `places` are read.
void load_files(ast::Module& module, const io::Places& places, SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
