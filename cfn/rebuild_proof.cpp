#include "cfn/rebuild_proof.hpp"

#include <algorithm>

#include "io/number.hpp"

namespace infrac::cfn {

std::optional<std::int64_t> literal_integer(const Json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (!value.is_string()) return std::nullopt;
  return io::parse_integer<std::int64_t>(value.get_ref<const std::string&>());
}

std::optional<std::int64_t> iso8601_seconds(const std::string& text) {
  if (text.size() < 3 || text.rfind("PT", 0) != 0) return std::nullopt;
  std::int64_t total = 0;
  std::int64_t number = 0;
  bool digits = false;
  for (std::size_t i = 2; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (number > 1000000000) return std::nullopt;
      number = number * 10 + (c - '0');
      digits = true;
      continue;
    }
    if (!digits) return std::nullopt;
    if (c == 'H') total += number * 3600;
    else if (c == 'M') total += number * 60;
    else if (c == 'S') total += number;
    else return std::nullopt;
    number = 0;
    digits = false;
  }
  if (digits) return std::nullopt;
  return total;
}

bool RebuildProof::denied() const {
  return std::any_of(policy.begin(), policy.end(), [](const PolicyCheck& c) { return !c.verdict.allowed; });
}

bool RebuildProof::holds() const {
  if (!parameter_declared || changes_nothing() || denied()) return false;
  for (const auto& g : groups) {
    if (std::any_of(g.problems.begin(), g.problems.end(), [](const GroupProblem& p) { return p.error; })) return false;
  }
  return std::all_of(instances.begin(), instances.end(), [](const InstanceProof& i) { return i.effect == Effect::Replace; });
}

namespace {

const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool launch_property(const ImpactReason& reason) {
  if (reason.names.empty()) return false;
  const std::string& p = reason.names.front();
  return p == "LaunchTemplate" || p == "LaunchConfigurationName" || p == "MixedInstancesPolicy";
}

}  // namespace

GroupProof prove_group(const std::string& id, const Json& group, const ResourceImpact& impact) {
  GroupProof proof;
  proof.logical_id = id;
  proof.effect = impact.effect;
  proof.launch_reached = std::any_of(impact.reasons.begin(), impact.reasons.end(), launch_property);
  const JsonPointer at = JsonPointer("/Resources") / id;
  const Json* update_policy = member(group, "UpdatePolicy");
  const Json* rolling = update_policy ? member(*update_policy, "AutoScalingRollingUpdate") : nullptr;
  const Json* replacing = update_policy ? member(*update_policy, "AutoScalingReplacingUpdate") : nullptr;
  // WillReplace wins over a rolling update when both are given.
  const Json* will_replace = replacing ? member(*replacing, "WillReplace") : nullptr;
  bool replace = will_replace && ((will_replace->is_boolean() && will_replace->get<bool>()) || (will_replace->is_string() && *will_replace == "true"));
  using P = GroupProof::UpdatePolicy;
  proof.update_policy = replace ? P::ReplacingUpdate : rolling ? P::RollingUpdate : replacing ? P::ReplacingUpdateWithoutWillReplace : P::None;
  const Json* properties = member(group, "Properties");
  if (properties) {
    if (const Json* lifetime = member(*properties, "MaxInstanceLifetime")) proof.max_instance_lifetime = literal_integer(*lifetime);
  }
  auto problem = [&](GroupProblem::Kind kind, bool error, JsonPointer where, std::int64_t value = 0, std::int64_t limit = 0) {
    proof.problems.push_back({kind, error, std::move(where), value, limit});
  };

  if (proof.update_policy == P::RollingUpdate) {
    const JsonPointer rolling_at = at / "UpdatePolicy" / "AutoScalingRollingUpdate";
    const Json* batch = member(*rolling, "MaxBatchSize");
    proof.max_batch_size = batch ? literal_integer(*batch) : std::optional<std::int64_t>(1);
    const Json* in_service = member(*rolling, "MinInstancesInService");
    proof.min_instances_in_service = in_service ? literal_integer(*in_service) : std::optional<std::int64_t>(0);
    if (proof.max_batch_size && *proof.max_batch_size < 1) {
      problem(GroupProblem::Kind::BatchSizeBelowOne, true, rolling_at / "MaxBatchSize", *proof.max_batch_size, 1);
    }
    const Json* max_size = properties ? member(*properties, "MaxSize") : nullptr;
    std::optional<std::int64_t> max = max_size ? literal_integer(*max_size) : std::nullopt;
    if (max && proof.min_instances_in_service && *proof.min_instances_in_service >= *max) {
      problem(GroupProblem::Kind::MinInServiceNotBelowMax, true, rolling_at / "MinInstancesInService", *proof.min_instances_in_service, *max);
    }
    // The next batch should start only once the last one is through its launch hook.
    const Json* pause = member(*rolling, "PauseTime");
    std::optional<std::int64_t> pause_seconds = pause && pause->is_string() ? iso8601_seconds(pause->get<std::string>()) : std::nullopt;
    const Json* hooks = properties ? member(*properties, "LifecycleHookSpecificationList") : nullptr;
    for (std::size_t i = 0; pause_seconds && hooks && hooks->is_array() && i < hooks->size(); ++i) {
      const Json& hook = (*hooks)[i];
      const Json* transition = member(hook, "LifecycleTransition");
      if (!transition || *transition != "autoscaling:EC2_INSTANCE_LAUNCHING") continue;
      const Json* heartbeat = member(hook, "HeartbeatTimeout");
      std::optional<std::int64_t> seconds = heartbeat ? literal_integer(*heartbeat) : std::optional<std::int64_t>(3600);
      if (seconds && *pause_seconds < *seconds) {
        problem(GroupProblem::Kind::PauseShorterThanHeartbeat, false, rolling_at / "PauseTime", *pause_seconds, *seconds);
      }
    }
  }

  if (impact.effect == Effect::None) {
    problem(GroupProblem::Kind::NotReached, false, at);
    return proof;
  }
  if (impact.effect == Effect::Replace) {
    proof.replaces_instances = true;  // a new group launches new instances
    return proof;
  }
  if (!proof.launch_reached) {
    problem(GroupProblem::Kind::LaunchNotReached, true, at);
  } else if (proof.update_policy == P::None) {
    problem(GroupProblem::Kind::NoUpdatePolicy, true, at);
  } else if (proof.update_policy == P::ReplacingUpdateWithoutWillReplace) {
    problem(GroupProblem::Kind::ReplacingWithoutWillReplace, true, at / "UpdatePolicy" / "AutoScalingReplacingUpdate");
  }
  proof.replaces_instances = proof.launch_reached && (proof.update_policy == P::RollingUpdate || proof.update_policy == P::ReplacingUpdate);
  return proof;
}

RebuildProof prove_rebuild(const Json& body, const Json& stack_policy, const ResourceSpec* spec, const std::string& parameter) {
  RebuildProof proof;
  proof.parameter = parameter;
  StartingChanges start;
  if (const Json* parameters = member(body, "Parameters"); parameters && parameters->is_object()) {
    proof.parameter_declared = parameters->contains(parameter);
  }
  for (const std::string& name : parameters_resolved_at_update(body)) {
    if (name == parameter) continue;
    proof.may_change_parameters.push_back(name);
    start.parameters.push_back({name, false});
  }
  if (proof.parameter_declared) start.parameters.insert(start.parameters.begin(), {parameter, true});
  proof.impact = compute_update_impact(body, spec, start);

  const Json* resources = member(body, "Resources");
  for (const auto& r : proof.impact.resources) {
    const Json* resource = resources ? member(*resources, r.logical_id.c_str()) : nullptr;
    if (!resource) continue;
    if (r.type == "AWS::AutoScaling::AutoScalingGroup") proof.groups.push_back(prove_group(r.logical_id, *resource, r));
    if (r.type == "AWS::EC2::Instance" && r.effect != Effect::None) {
      const ImpactReason* reason = r.main_reason();
      proof.instances.push_back({r.logical_id, r.effect, reason && reason->interruption});
    }
  }

  StackPolicy policy = parse_stack_policy(stack_policy);
  proof.policy_problems = policy.problems;
  auto actions_for = [](Effect e) -> std::vector<PolicyAction> {
    switch (e) {
      case Effect::None: return {};
      case Effect::Modify: return {PolicyAction::Modify};
      case Effect::Replace: return {PolicyAction::Replace};
      case Effect::Conditional: return {PolicyAction::Modify, PolicyAction::Replace};
    }
    return {};
  };
  for (const auto& r : proof.impact.resources) {
    for (PolicyAction action : actions_for(r.effect)) {
      proof.policy.push_back({r.logical_id, r.type, action, policy.evaluate(r.logical_id, r.type, action)});
    }
  }
  for (const auto& s : policy.statements) {
    if (!s.allow) continue;
    WiderAllowance wider{s.index, {}};
    for (const auto& r : proof.impact.resources) {
      if (!s.covers(r.logical_id, r.type)) continue;
      std::vector<PolicyAction> needed = actions_for(r.effect);
      bool used = std::any_of(needed.begin(), needed.end(), [&](PolicyAction a) { return s.has_action(a); });
      if (!used) wider.resources.push_back(r.logical_id);
    }
    if (!wider.resources.empty()) proof.wider.push_back(std::move(wider));
  }
  return proof;
}

}  // namespace infrac::cfn
