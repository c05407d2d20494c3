#include "emit/emit.hpp"

#include "cfn/capabilities.hpp"
#include "cfn/json_writer.hpp"

#include <algorithm>

namespace infrac {

std::string emit_json(const Json& value) {
  std::string text = cfn::json_text(value);
  text += '\n';
  return text;
}

std::string emit_template(const LoweredStack& stack) {
  return stack.template_text.empty() ? emit_json(stack.template_body) : stack.template_text;
}

std::string emit_policy(const LoweredStack& stack) { return emit_json(stack.stack_policy); }

std::string template_file_name(const LoweredStack& stack) { return stack.name + ".template.json"; }
std::string policy_file_name(const LoweredStack& stack) { return stack.name + ".policy.json"; }

namespace {

// Kahn's algorithm, taking ready stacks in source order so the order is stable.
std::vector<std::string> deploy_order(const std::vector<LoweredStack>& stacks) {
  std::vector<std::string> order;
  std::vector<bool> placed(stacks.size());
  while (order.size() < stacks.size()) {
    bool progress = false;
    for (std::size_t i = 0; i < stacks.size(); ++i) {
      if (placed[i]) continue;
      bool ready = std::all_of(stacks[i].depends_on.begin(), stacks[i].depends_on.end(), [&](const std::string& d) {
        return std::find(order.begin(), order.end(), d) != order.end();
      });
      if (!ready) continue;
      order.push_back(stacks[i].name);
      placed[i] = true;
      progress = true;
      break;
    }
    if (!progress) break;  // a cycle: the compiler reports it before anything is emitted
  }
  return order;
}

}  // namespace

Json manifest(const std::vector<LoweredStack>& stacks) {
  Json list = Json::array();
  for (const auto& s : stacks) {
    Json entry;
    entry["name"] = s.name;
    entry["template"] = template_file_name(s);
    entry["policy"] = policy_file_name(s);
    entry["policy_is_default"] = s.policy_is_default;
    entry["depends_on"] = s.depends_on;
    Json inputs = Json::array();
    for (const auto& i : s.inputs) inputs.push_back(Json{{"parameter", i.parameter}, {"stack", i.stack}, {"output", i.output}});
    entry["parameters_from_outputs"] = std::move(inputs);
    entry["capabilities"] = cfn::required_capabilities(s.template_body);
    // Only for a stack that declares one: what `infrac rebuild` changes (docs: README, "The manifest").
    if (!s.rebuild_parameter.empty()) entry["rebuild_parameter"] = s.rebuild_parameter;
    list.push_back(std::move(entry));
  }
  Json m;
  m["format"] = 1;
  m["stacks"] = std::move(list);
  m["deploy_order"] = deploy_order(stacks);
  return m;
}

}  // namespace infrac
