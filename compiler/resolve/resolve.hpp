#pragma once
// Phase 2: resolve what modules refer to outside themselves. Imports are read
// and parsed (each file once), `file("...")` texts are loaded, and every `let`
// is replaced by its value where it is used. The result holds every module of
// the program, roots first, with no `let` left.
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "io/safe_read.hpp"

namespace infrac {

// `places`: where imports and file() texts may be read from (the project directories
// and the library roots; docs/limits.md).
std::vector<ast::Module> resolve(std::vector<ast::Module> roots, const io::Places& places, SourceManager& sources,
                                 Diagnostics& diagnostics);

}  // namespace infrac
