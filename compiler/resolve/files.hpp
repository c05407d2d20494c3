#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "io/safe_read.hpp"

namespace infrac {

// Replaces every `file("...")` of the modules with the file's text, read
// relative to the module's own file, with `<<Name>>` interpolation.
// Only files inside `places` are read; each path is read, checked and split once.
void load_files(std::vector<ast::Module>& modules, const io::Places& places, SourceManager& sources, Diagnostics& diagnostics);

}  // namespace infrac
