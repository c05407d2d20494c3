#pragma once
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "io/safe_read.hpp"

namespace infrac {

// Reads and parses every file the roots import, transitively, each once;
// fills each Import's `resolved_path`. A missing file or an import cycle is
// reported at the import, with the chain of imports that led there.
// Modules with syntax errors are reported and left out.
// Only files inside `places` are read.
std::vector<ast::Module> load_imports(std::vector<ast::Module> roots, const io::Places& places, SourceManager& sources,
                                      Diagnostics& diagnostics);

// The canonical path that identifies a module's file.
std::string module_key(const std::string& path);

}  // namespace infrac
