#pragma once
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"

namespace infrac {

// clang-style text: `file:line:col: error: message`, the source line, a caret, then notes.
// Bytes inside `secrets` are printed as `*`.
std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources, bool colour,
                        const std::vector<Span>& secrets = {});

// One JSON document for tools: {"diagnostics": [...]}.
std::string render_json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

// "2 errors, 1 warning" or an empty string when there is nothing to count.
std::string summary_line(const std::vector<Diagnostic>& diagnostics);

}  // namespace infrac
