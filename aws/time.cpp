#include "aws/time.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdio>

namespace infrac::aws {

std::optional<TimePoint> parse_iso8601(const std::string& text) {
  int y, mo, d, h, mi;
  double s;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%lf%n", &y, &mo, &d, &h, &mi, &s, &consumed) != 6) return std::nullopt;
  // The clock counts nanoseconds in 64 bits: it holds 1677 to 2262. No time AWS sends is
  // outside 1970-2200, and one outside what the clock holds would overflow it.
  if (y < 1970 || y > 2200) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || !(s >= 0 && s < 61)) return std::nullopt;
  std::string zone = text.substr(consumed);
  auto digits = [&](std::size_t at) { return std::isdigit(static_cast<unsigned char>(zone[at])) != 0; };
  int offset_minutes = 0;
  if (zone == "Z" || zone.empty()) {
  } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':' && digits(1) && digits(2) &&
             digits(4) && digits(5)) {
    int zh = (zone[1] - '0') * 10 + (zone[2] - '0'), zm = (zone[4] - '0') * 10 + (zone[5] - '0');
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (zh * 60 + zm);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  auto ymd = year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{h} + minutes{mi} - minutes{offset_minutes};
  return time_point_cast<system_clock::duration>(t + duration_cast<system_clock::duration>(duration<double>(s)));
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
