#include "aws/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "io/number.hpp"

namespace infrac::aws {

std::optional<TimePoint> parse_iso8601(const std::string& text) {
  // YYYY-MM-DDTHH:MM:SS, an optional fraction, then Z, an offset +hh:mm / -hh:mm, or nothing:
  // decimal digits exactly where they belong (sscanf took " 2024", "+5" and "1e1" seconds).
  auto field = [&text](std::size_t at, std::size_t width, int min, int max) -> std::optional<int> {
    if (at + width > text.size()) return std::nullopt;
    std::string_view digits(text.data() + at, width);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
    return io::parse_integer<int>(digits, min, max);
  };
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  // The clock counts nanoseconds in 64 bits: it holds 1677 to 2262. No time AWS sends is
  // outside 1970-2200, and one outside what the clock holds would overflow it.
  auto y = field(0, 4, 1970, 2200), mo = field(5, 2, 1, 12), d = field(8, 2, 1, 31);
  auto h = field(11, 2, 0, 23), mi = field(14, 2, 0, 59), s = field(17, 2, 0, 60);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  std::size_t at = 19;
  std::chrono::nanoseconds fraction{0};
  if (at < text.size() && text[at] == '.') {
    std::size_t start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return std::nullopt;
    std::string nanos = text.substr(start, std::min<std::size_t>(at - start, 9));  // finer digits are dropped
    nanos.resize(9, '0');
    fraction = std::chrono::nanoseconds(*io::parse_integer<long long>(nanos));
  }
  std::string zone = text.substr(at);
  int offset_minutes = 0;
  if (zone == "Z" || zone.empty()) {
  } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':') {
    auto zh = field(at + 1, 2, 0, 23), zm = field(at + 4, 2, 0, 59);
    if (!zh || !zm) return std::nullopt;
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (*zh * 60 + *zm);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  auto ymd = year{*y} / month{static_cast<unsigned>(*mo)} / day{static_cast<unsigned>(*d)};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*s} - minutes{offset_minutes};
  return time_point_cast<system_clock::duration>(t) + duration_cast<system_clock::duration>(fraction);
}

std::string format_iso8601(TimePoint t) {
  using namespace std::chrono;
  auto secs = floor<seconds>(t);
  auto days = floor<std::chrono::days>(secs);
  year_month_day ymd{days};
  hh_mm_ss hms{secs - days};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count());
}

}  // namespace infrac::aws
