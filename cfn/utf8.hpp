#pragma once
#include <string_view>

namespace infrac {

// Offset of the first byte that is not valid UTF-8, or std::string_view::npos.
std::size_t invalid_utf8_offset(std::string_view text);

}  // namespace infrac
