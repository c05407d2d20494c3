#pragma once
// `infrac fleet check`: is the rebuild promise kept? Every instance younger than
// the maximum age (with a rebuild every P hours taking R minutes, instances live
// up to P + R), and every group at its desired number of instances in service.
#include <chrono>
#include <string>
#include <vector>

#include "fleet/model.hpp"

namespace infrac::fleet {

// The rebuild period and duration behind the default limit: a daily rebuild that
// takes up to an hour to roll through, so 25h.
inline constexpr std::chrono::hours kDefaultRebuildPeriod{24};
inline constexpr std::chrono::minutes kDefaultRebuildDuration{60};
inline constexpr std::chrono::seconds kDefaultMaxAge = kDefaultRebuildPeriod + kDefaultRebuildDuration;

// One line per problem, naming the instance or group; empty when all is well.
std::vector<std::string> check_fleet(const Inventory& inventory, std::chrono::seconds max_age);

// The same facts for node_exporter's textfile collector (Prometheus text format):
// each instance's age, each group's desired and in-service counts, the limit, the
// number of problems and when the check ran.
std::string render_prometheus(const Inventory& inventory, std::chrono::seconds max_age, size_t problems);

}  // namespace infrac::fleet
