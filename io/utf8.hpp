#pragma once
// UTF-8, as every reader of input checks it and every decoder of `\u` escapes writes it:
// the compiler's lexer, the template loaders and writer, the specification's records.
#include <cstddef>
#include <string>
#include <string_view>

namespace infrac {

// The length of the valid UTF-8 sequence at `at` (1 for ASCII), 0 when the bytes there
// are not one (a stray continuation byte, a truncated, overlong or surrogate encoding).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// Offset of the first byte that is not valid UTF-8, or std::string_view::npos.
std::size_t invalid_utf8_offset(std::string_view text);

// Appends the code point `code` (at most 0x10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, unsigned code);

}  // namespace infrac
