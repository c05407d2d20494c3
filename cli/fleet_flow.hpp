#pragma once
// What `infrac inventory` and `infrac fleet check` share: the project flags of deploy
// (input, AWS options, stack naming, --stack), --at, and fetching the fleet.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/deploy_flow.hpp"
#include "cli/fleet_fetch.hpp"
#include "fleet/model.hpp"

namespace infrac {

struct FleetFlags {
  ProjectFlags project;
  std::string at;  // --at: measure ages at this time instead of now
};

void add_fleet_flags(CLI::App& command, FleetFlags& flags);

struct LoadedFleet {
  FetchedFleet fetched;
  fleet::TimePoint now;
};

// Loads the project, names its stacks, asks AWS (read-only); nullopt: `status` says why
// (2 a bad input or flag, 5 AWS failed), the reason printed on stderr.
std::optional<LoadedFleet> load_fleet(const FleetFlags& flags, bool console_output, const CommandIo& io, int& status);

}  // namespace infrac
