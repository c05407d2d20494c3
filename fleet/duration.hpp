#pragma once
// Ages and limits as people write them (24h, 90m, 1d12h, 3600s). Times are printed as
// AWS writes them, by aws/time.hpp's format_iso8601.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "fleet/model.hpp"

namespace infrac::fleet {

// Units d, h, m, s, each at most once, largest first; nullopt when not of that form or zero.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

// 26h3m, 45m, 12s, 0s: hours (never days, so that `24h` reads as written), minutes, seconds.
std::string format_duration(std::chrono::seconds d);

}  // namespace infrac::fleet
