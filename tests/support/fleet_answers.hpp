#pragma once
// A fleet test case's fixed answers (fleet/<case>.answers.json): what AWS would
// have said, the clock, the limit and the render options, as the fleet library takes them.
#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fleet/model.hpp"
#include "fleet/render.hpp"

namespace infrac::test {

struct FleetCase {
  fleet::FleetAnswers answers;
  fleet::TimePoint now;
  std::chrono::seconds max_age{0};
  fleet::RenderOptions render;
  std::optional<std::string> known_hosts_before;
};

// Console outputs are written as text (`console`) and sent base64 as AWS does.
FleetCase read_fleet_case(const nlohmann::json& j);

}  // namespace infrac::test
