#pragma once
// A number literal reaches the template exactly as written, or the build says why
// not: integers as 64-bit integers, decimals as doubles (exact up to 15 significant
// digits, within a double's range). check/expressions.cpp reports what this finds;
// lower/lower_expr.cpp can then convert without loss.
#include <optional>
#include <string>
#include <string_view>

namespace infrac::ast {

inline std::optional<std::string> number_problem(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  auto without_leading_zeros = [](std::string_view s) {
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s;
  };
  if (point == std::string_view::npos) {
    std::string_view digits = without_leading_zeros(whole);
    std::string_view most = negative ? "9223372036854775808" : "18446744073709551615";
    if (digits.size() > most.size() || (digits.size() == most.size() && digits > most)) {
      return std::string(negative ? "below -2^63" : "above 2^64 - 1") +
             ", the range of a template integer, so it would lose digits";
    }
    return std::nullopt;
  }
  std::string all = std::string(whole) + std::string(fraction);
  std::size_t first = all.find_first_not_of('0');
  if (first == std::string::npos) return std::nullopt;  // zero
  std::size_t last = all.find_last_not_of('0');
  if (last - first + 1 > 15) return std::string("has more than 15 significant digits, more than a template number holds exactly");
  // The decimal exponent of the first significant digit.
  long exponent = static_cast<long>(whole.size()) - 1 - static_cast<long>(first);
  if (exponent > 307 || exponent < -307) return std::string("is beyond the range of a template number");
  return std::nullopt;
}

}  // namespace infrac::ast
