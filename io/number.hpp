#pragma once
// Whole numbers read from outside (AWS answers, configuration files, headers, templates):
// the whole text must be the number, in decimal digits with an optional leading `-`, within
// the given range. std::atoi and friends read "12abc" as 12, "" as 0 and an overflow as
// anything; this says "not a number" instead, and the caller names what was read.
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>
#include <system_error>

namespace infrac::io {

template <class Integer>
std::optional<Integer> parse_integer(std::string_view text, Integer min = std::numeric_limits<Integer>::min(),
                                     Integer max = std::numeric_limits<Integer>::max()) {
  Integer value{};
  const char* end = text.data() + text.size();
  auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace infrac::io
