#pragma once
#include <string>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "diagnostics/secret_mask.hpp"

namespace infrac {

// clang-style text: `file:line:col: error: message`, the source line, a caret, then notes.
// Secrets are printed as `*` (SecretMask).
std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources, bool colour,
                        const SecretMask& mask = {});

// One JSON document for tools: {"diagnostics": [...]}.
std::string render_json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources, const SecretMask& mask = {});

// "2 errors, 1 warning" or an empty string when there is nothing to count; `errors` and
// `warnings` are added to what the list holds (those past the diagnostics limit).
std::string summary_line(const std::vector<Diagnostic>& diagnostics, std::size_t errors = 0, std::size_t warnings = 0);

}  // namespace infrac
