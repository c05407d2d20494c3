#pragma once
// What deploy and rebuild deploy: a build directory (infrac.manifest.json and the
// files it names, as `infrac build` wrote them), or sources built first, in memory.
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "deploy/project.hpp"

namespace infrac {

struct DeployInput {
  deploy::Project project;
  std::string directory;  // the build directory; "" when built from sources
};

// On failure prints why and sets `status` (1: the sources have errors, 2: unreadable input).
std::optional<DeployInput> load_deploy_input(const std::vector<std::string>& paths, const CommandIo& io, int& status);

}  // namespace infrac
