#pragma once
// What `infrac build` wrote, as the deploy step reads it: infrac.manifest.json
// (stacks in deploy order, how outputs feed parameters, capabilities, the rebuild
// parameter) with each stack's template and policy. The same value is made in
// memory when deploy is given sources and builds first.
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::deploy {

struct OutputWire {
  std::string parameter;  // of this stack
  std::string stack;      // the infra stack whose output fills it
  std::string output;
};

struct StackArtifacts {
  std::string name;  // the infra stack name
  std::string template_body;
  Json template_json;
  std::string policy_body;
  Json policy_json;
  bool policy_is_default = false;
  std::vector<std::string> depends_on;
  std::vector<OutputWire> from_outputs;
  std::vector<std::string> capabilities;  // CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND
  std::string rebuild_parameter;          // "" when the stack declares none

  // The template's parameters marked NoEcho: their values are secrets.
  std::vector<std::string> no_echo_parameters() const;
};

struct Project {
  std::vector<StackArtifacts> stacks;  // in deploy order
  const StackArtifacts* find(const std::string& name) const;
};

// `read(name)` gives the text of a file the manifest names (nullopt: cannot be read).
// Returns the project or a message saying what is wrong.
using ReadFile = std::function<std::optional<std::string>(const std::string& name)>;
std::variant<Project, std::string> load_project(const std::string& manifest_text, const ReadFile& read);

}  // namespace infrac::deploy
