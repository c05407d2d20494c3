#include "deploy/rebuild.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "deploy/plan.hpp"

namespace infrac::deploy {
namespace {

namespace cf = aws::cfn;

// What CloudFormation's change says it will do, as a policy action.
cfn::PolicyAction action_of(const cf::ResourceChange& c) {
  if (c.action == "Remove") return cfn::PolicyAction::Delete;
  if (c.action == "Modify" && c.replacement == "True") return cfn::PolicyAction::Replace;
  return cfn::PolicyAction::Modify;
}

// Why a change is beyond the proof; "" when it is within it.
std::string beyond(const cf::ResourceChange& c, const cfn::RebuildProof& proof) {
  const cfn::ResourceImpact* predicted = proof.impact.find(c.logical_id);
  cfn::Effect effect = predicted ? predicted->effect : cfn::Effect::None;
  if (c.action == "Add" || c.action == "Remove" || c.action == "Import") {
    if (effect == cfn::Effect::Conditional) return "";
    return fmt::format("{} is not something a rebuild does ({} {})", c.action, c.logical_id, c.resource_type);
  }
  if (effect == cfn::Effect::None)
    return fmt::format("{} ({}) is not predicted to change by a change of {}", c.logical_id, c.resource_type, proof.parameter);
  if (c.replacement == "True" && effect == cfn::Effect::Modify)
    return fmt::format("{} would be replaced; the proof predicts an update in place", c.logical_id);
  if (c.replacement == "Conditional" && effect == cfn::Effect::Modify)
    return fmt::format("{} may be replaced; the proof predicts an update in place", c.logical_id);
  return "";
}

}  // namespace

std::string check_within_proof(const cf::ChangeSet& change_set, const cfn::RebuildProof& proof, const cfn::StackPolicy& policy) {
  std::vector<std::string> problems;
  for (const auto& c : change_set.changes) {
    if (std::string why = beyond(c, proof); !why.empty()) problems.push_back(why);
    std::vector<cfn::PolicyAction> actions{action_of(c)};
    if (c.action == "Modify" && c.replacement == "Conditional") actions.push_back(cfn::PolicyAction::Replace);
    for (auto a : actions) {
      cfn::PolicyVerdict v = policy.evaluate(c.logical_id, c.resource_type, a);
      if (!v.allowed)
        problems.push_back(fmt::format("the stack policy does not allow {} on {}{}", cfn::to_string(a), c.logical_id,
                                       v.statement ? fmt::format(" (statement {} denies it)", *v.statement + 1) : ""));
    }
  }
  if (problems.empty()) return "";
  std::string out = fmt::format("refused: the change set changes more than a rebuild (a change of {}) may:\n", proof.parameter);
  for (const auto& p : problems) out += "  - " + p + "\n";
  out += "the change set:\n" + render_change_set(change_set);
  out += "ship source changes with a reviewed `infrac deploy`; a rebuild deploys nothing else";
  return out;
}

Verification verify_instances(aws::AwsClient& client, const std::vector<std::string>& groups, aws::TimePoint started) {
  Verification v;
  v.groups = groups;
  if (groups.empty()) {
    v.complete = true;
    return v;
  }
  auto found = aws::describe_auto_scaling_groups(client, groups);
  if (!found) {
    v.problem = "DescribeAutoScalingGroups: " + found.error().describe();
    return v;
  }
  std::vector<std::string> ids;
  for (const auto& g : *found)
    for (const auto& i : g.instances) {
      v.instances.push_back({i.id, g.name, i.lifecycle_state, i.health_status, std::nullopt, false});
      ids.push_back(i.id);
    }
  std::map<std::string, aws::Ec2Instance> described;
  if (!ids.empty()) {
    auto instances = aws::describe_instances(client, ids);
    if (!instances) {
      v.problem = "DescribeInstances: " + instances.error().describe();
      return v;
    }
    for (const auto& i : *instances) described[i.id] = i;
  }
  v.complete = true;
  for (auto& i : v.instances) {
    auto it = described.find(i.id);
    if (it != described.end()) i.launch_time = it->second.launch_time;
    i.replaced = i.launch_time && *i.launch_time >= started && i.lifecycle_state == "InService";
    v.complete &= i.replaced;
    if (i.launch_time && (!v.oldest_launch || *i.launch_time < *v.oldest_launch)) v.oldest_launch = i.launch_time;
  }
  std::sort(v.instances.begin(), v.instances.end(), [](const auto& a, const auto& b) { return a.group + a.id < b.group + b.id; });
  return v;
}

Verification wait_for_replacement(aws::AwsClient& client, const std::vector<std::string>& groups, aws::TimePoint started,
                                  const WaitOptions& options, ProgressSink& unredacted) {
  RedactingSink sink(unredacted, client.redactor());
  auto begin = client.runtime().now();
  auto interval = options.first_interval;
  size_t reported_old = SIZE_MAX;
  for (;;) {
    Verification v = verify_instances(client, groups, started);
    if (v.complete || !v.problem.empty()) return v;
    size_t old = std::count_if(v.instances.begin(), v.instances.end(), [](const auto& i) { return !i.replaced; });
    if (old != reported_old) {
      report(sink, {ProgressEvent::Kind::Info, "rebuild", "", "", "", "", "",
                    fmt::format("waiting for {} instance{} launched before the rebuild to be replaced", old, old == 1 ? "" : "s"),
                    std::chrono::duration_cast<std::chrono::seconds>(client.runtime().now() - started)});
      reported_old = old;
    }
    if ((options.cancelled && options.cancelled->load()) || client.runtime().now() - begin >= options.deadline) return v;
    client.runtime().sleep(interval);
    interval = std::min(interval * 3 / 2, options.max_interval);
  }
}

}  // namespace infrac::deploy
