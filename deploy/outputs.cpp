#include "deploy/outputs.hpp"

#include <algorithm>
#include <map>

namespace infrac::deploy {

std::vector<OutputsFile> render_outputs(const DeployReport& report) {
  std::vector<OutputsFile> files;
  std::string vars = "# Written by infrac deploy: each stack's outputs, for Ansible's include_vars.\n";
  bool any = false;
  for (const auto& s : report.stacks) {
    if (s.kind != StackResult::Kind::Deployed && s.kind != StackResult::Kind::NoChanges) continue;
    std::map<std::string, std::string> sorted;
    for (const auto& o : s.outputs) sorted[o.key] = o.value;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [k, v] : sorted) j[k] = v;
    files.push_back({s.stack + ".outputs.json", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"});
    std::string key = s.stack;
    std::replace(key.begin(), key.end(), '-', '_');
    vars += key + "_stack:" + (sorted.empty() ? " {}\n" : "\n");
    // JSON strings are YAML double-quoted scalars: every value is quoted and escaped the same way.
    for (const auto& [k, v] : sorted)
      vars += "  " + k + ": " + nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    any = true;
  }
  if (any) files.push_back({"infrac.outputs.yml", vars});
  return files;
}

}  // namespace infrac::deploy
