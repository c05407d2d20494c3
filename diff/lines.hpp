#pragma once
// Line diffs of texts (user data, inline code, scripts) as unified hunks, by
// Myers' algorithm (Debian's dtl).
#include <string>
#include <vector>

#include "diff/model.hpp"

namespace infrac::diff {

std::vector<std::string> split_lines(const std::string& text);

// Hunks of changed lines with `context` lines around them; none when the texts are equal.
std::vector<TextHunk> diff_lines(const std::string& old_text, const std::string& new_text, std::size_t context = 3);

}  // namespace infrac::diff
