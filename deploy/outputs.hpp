#pragma once
// The stacks' outputs for whatever runs next: one JSON object per stack
// (<stack>.outputs.json, keys sorted) and one Ansible variables file
// (infrac.outputs.yml) in the shape the old playbook consumed:
//   <stack>_stack:            (the infra stack name with - made _)
//     OutputKey: "value"
#include <string>
#include <vector>

#include "deploy/deploy.hpp"

namespace infrac::deploy {

struct OutputsFile {
  std::string name;  // relative file name
  std::string contents;
};

std::vector<OutputsFile> render_outputs(const DeployReport& report);

}  // namespace infrac::deploy
