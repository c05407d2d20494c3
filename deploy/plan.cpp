#include "deploy/plan.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cfn/load.hpp"
#include "diff/render.hpp"

namespace infrac::deploy {
namespace cf = aws::cfn;

namespace {

// One document AWS returned (an object), loaded as a file would be; nullopt and `problem` when it is not one.
std::optional<Json> load_answer(const std::string& what, const std::string& text, std::string& problem) {
  cfn::Loaded loaded = cfn::load_document(text);
  if (loaded.value && loaded.value->is_object()) return std::move(loaded.value);
  problem = fmt::format("the {} AWS returned cannot be read: {}", what,
                        loaded.problems.empty() ? "it is not a JSON or YAML object" : loaded.problems.front().message);
  return std::nullopt;
}

}  // namespace

std::string deployed_version(const std::string& template_body, const std::string& policy_body, diff::StackVersion& out) {
  std::string problem;
  auto template_json = load_answer("template (GetTemplate)", template_body, problem);
  if (!template_json) return problem;
  out.template_body = std::move(*template_json);
  out.policy.reset();
  if (!policy_body.empty()) {
    out.policy = load_answer("stack policy (GetStackPolicy)", policy_body, problem);
    if (!out.policy) return problem;
  }
  return "";
}

std::vector<diff::ParameterValue> changed_parameters(const std::vector<cf::Parameter>& sent,
                                                     const std::vector<cf::Parameter>& current,
                                                     const ParameterSources& sources) {
  std::vector<diff::ParameterValue> changed;
  for (const auto& p : sent) {
    if (p.use_previous) continue;
    auto was = std::find_if(current.begin(), current.end(), [&](const cf::Parameter& c) { return c.key == p.key; });
    if (was != current.end() && was->value == p.value) continue;
    auto source = sources.find(p.key);
    changed.push_back({p.key, p.value, source != sources.end() ? source->second : "at this deploy"});
  }
  return changed;
}

diff::StackDiff plan_diff(const PlanInput& input) {
  const StackArtifacts& a = *input.artifacts;
  diff::StackPair pair{a.name, input.deployed, diff::StackVersion{a.template_json, a.policy_json, {}}};
  diff::DiffOptions options;
  options.spec = input.spec;
  options.parameters = input.parameters_changed;
  return diff::diff_stack(pair, options);
}

std::string render_change_set(const cf::ChangeSet& cs) {
  std::string out;
  if (cs.changes.empty()) out += "  (CloudFormation lists no resource changes: parameters only)\n";
  for (const auto& c : cs.changes) {
    const char* mark = c.action == "Add" ? "+" : c.action == "Remove" ? "-" : "~";
    std::string replacement = c.action == "Modify" ? fmt::format(" replacement: {}", c.replacement.empty() ? "?" : c.replacement) : "";
    std::vector<std::string> causes;
    for (const auto& d : c.details) {
      std::string what = d.name.empty() ? d.attribute : d.attribute + "." + d.name;
      if (std::find(causes.begin(), causes.end(), what) == causes.end()) causes.push_back(what);
    }
    std::string because;
    for (const auto& x : causes) because += (because.empty() ? " (" : ", ") + x;
    if (!because.empty()) because += ")";
    out += fmt::format("  {} {:<40} {}{}{}\n", mark, c.logical_id, c.resource_type, replacement, because);
  }
  return out;
}

std::string render_plan(const PlanInput& input, const diff::StackDiff& changes, const CloudFormationAnswers& answers,
                        const std::string& policy_note) {
  const StackArtifacts& a = *input.artifacts;
  std::string out = input.deployed ? fmt::format("Plan for stack {} ({}):\n", a.name, input.aws_name)
                                   : fmt::format("Plan for stack {} (new stack {}):\n", a.name, input.aws_name);
  // Colourless, so that the same text can go to a terminal, a log and a JSON line.
  out += diff::render_text(diff::Diff{{changes}}, diff::TextStyle{});
  if (!out.empty() && out.back() != '\n') out += '\n';
  if (answers.change_set) {
    out += fmt::format("CloudFormation's change set {}:\n", answers.change_set_name);
    out += render_change_set(*answers.change_set);
  } else if (!answers.change_set_name.empty()) {
    out += fmt::format("CloudFormation's change set {}: no resource changes\n", answers.change_set_name);
  }
  if (answers.validated) {
    std::string list;
    for (const auto& c : answers.acknowledged) list += (list.empty() ? "" : ", ") + c;
    out += fmt::format("CloudFormation (ValidateTemplate): the template is valid; {}\n",
                       list.empty() ? "no capabilities to acknowledge" : "acknowledged: " + list);
  }
  out += policy_note;
  if (!policy_note.empty() && policy_note.back() != '\n') out += '\n';
  return out;
}

}  // namespace infrac::deploy
