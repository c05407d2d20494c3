#include "fleet/duration.hpp"

#include <fmt/format.h>

namespace infrac::fleet {

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  constexpr std::string_view kUnits = "dhms";
  constexpr long long kSeconds[] = {86400, 3600, 60, 1};
  long long total = 0;
  size_t next_unit = 0, i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    long long n = 0;
    size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
      if (n > 1'000'000'000) return std::nullopt;
      n = n * 10 + (text[i] - '0');
    }
    if (digits == 0 || i == text.size()) return std::nullopt;
    size_t unit = kUnits.find(text[i++], next_unit);
    if (unit == std::string_view::npos) return std::nullopt;
    next_unit = unit + 1;
    total += n * kSeconds[unit];
  }
  if (total <= 0) return std::nullopt;
  return std::chrono::seconds(total);
}

std::string format_duration(std::chrono::seconds d) {
  long long s = d.count();
  std::string sign = s < 0 ? "-" : "";
  if (s < 0) s = -s;
  long long h = s / 3600, m = s / 60 % 60, sec = s % 60;
  std::string out = sign;
  if (h) out += fmt::format("{}h", h);
  if (m) out += fmt::format("{}m", m);
  if (sec || (!h && !m)) out += fmt::format("{}s", sec);
  return out;
}

}  // namespace infrac::fleet
