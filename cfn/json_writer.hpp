#pragma once
// Printing the one model of a template (cfn/json.hpp) as infrac writes every JSON file:
// two-space indent, keys in model order, invalid UTF-8 replaced by U+FFFD. Byte for byte
// what nlohmann's `dump(2, ' ', false, error_handler_t::replace)` prints, only faster:
// runs of bytes that need no escape are copied whole, where nlohmann decodes and
// escapes one byte at a time (DECISIONS.md allows a specialised writer where it is
// measured faster; bench/README.md has the numbers). Parsing stays nlohmann's.
#include <string>

#include "cfn/json.hpp"

namespace infrac::cfn {

// Appends `value` to `out`, indented two spaces per level, without a final newline.
void write_json(const Json& value, std::string& out);

// The text of `value`, as write_json writes it.
std::string json_text(const Json& value);

}  // namespace infrac::cfn
