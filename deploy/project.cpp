#include "deploy/project.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace infrac::deploy {
namespace {

std::vector<std::string> strings(const Json& node, const char* key) {
  std::vector<std::string> out;
  if (node.contains(key) && node[key].is_array())
    for (const auto& v : node[key])
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string string_at(const Json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::vector<std::string> StackArtifacts::no_echo_parameters() const {
  std::vector<std::string> out;
  if (!template_json.contains("Parameters") || !template_json["Parameters"].is_object()) return out;
  for (const auto& [name, p] : template_json["Parameters"].items()) {
    if (!p.is_object() || !p.contains("NoEcho")) continue;
    const Json& v = p["NoEcho"];
    if ((v.is_boolean() && v.get<bool>()) || (v.is_string() && v.get<std::string>() == "true")) out.push_back(name);
  }
  return out;
}

const StackArtifacts* Project::find(const std::string& name) const {
  for (const auto& s : stacks)
    if (s.name == name) return &s;
  return nullptr;
}

std::variant<Project, std::string> load_project(const std::string& manifest_text, const ReadFile& read) {
  Json manifest = Json::parse(manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) return std::string("the manifest is not a JSON object");
  if (!manifest.contains("format") || manifest["format"] != 1)
    return std::string("the manifest's format is not 1 (built by another version of infrac?)");
  if (!manifest.contains("stacks") || !manifest["stacks"].is_array()) return std::string("the manifest has no `stacks` list");
  std::vector<StackArtifacts> declared;
  for (const auto& s : manifest["stacks"]) {
    if (!s.is_object()) return std::string("a manifest stack entry is not an object");
    StackArtifacts a;
    a.name = string_at(s, "name");
    if (a.name.empty()) return std::string("a manifest stack has no name");
    std::string template_file = string_at(s, "template"), policy_file = string_at(s, "policy");
    auto body = read(template_file);
    if (!body) return fmt::format("cannot read the template `{}` of stack `{}`", template_file, a.name);
    a.template_body = *body;
    a.template_json = Json::parse(a.template_body, nullptr, false);
    if (a.template_json.is_discarded() || !a.template_json.is_object())
      return fmt::format("the template `{}` is not a JSON object", template_file);
    auto policy = read(policy_file);
    if (!policy) return fmt::format("cannot read the stack policy `{}` of stack `{}`", policy_file, a.name);
    a.policy_body = *policy;
    a.policy_json = Json::parse(a.policy_body, nullptr, false);
    if (a.policy_json.is_discarded() || !a.policy_json.is_object())
      return fmt::format("the stack policy `{}` is not a JSON object", policy_file);
    a.policy_is_default = s.value("policy_is_default", false);
    a.depends_on = strings(s, "depends_on");
    a.capabilities = strings(s, "capabilities");
    a.rebuild_parameter = string_at(s, "rebuild_parameter");
    if (s.contains("parameters_from_outputs") && s["parameters_from_outputs"].is_array())
      for (const auto& w : s["parameters_from_outputs"])
        a.from_outputs.push_back({string_at(w, "parameter"), string_at(w, "stack"), string_at(w, "output")});
    declared.push_back(std::move(a));
  }
  Project project;
  std::vector<std::string> order = strings(manifest, "deploy_order");
  if (order.size() != declared.size()) return std::string("the manifest's deploy_order does not list every stack once");
  for (const auto& name : order) {
    auto it = std::find_if(declared.begin(), declared.end(), [&](const auto& a) { return a.name == name; });
    if (it == declared.end()) return fmt::format("deploy_order names `{}`, which is not a stack of the manifest", name);
    project.stacks.push_back(*it);
  }
  return project;
}

}  // namespace infrac::deploy
