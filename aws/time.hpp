#pragma once
// ISO 8601 times as AWS writes them (2024-05-01T12:00:00Z, 2024-05-01T12:00:00.123Z, +00:00).
#include <chrono>
#include <optional>
#include <string>

namespace infrac::aws {

using TimePoint = std::chrono::system_clock::time_point;

std::optional<TimePoint> parse_iso8601(const std::string& text);
std::string format_iso8601(TimePoint t);  // 2024-05-01T12:00:00Z (seconds)

}  // namespace infrac::aws
