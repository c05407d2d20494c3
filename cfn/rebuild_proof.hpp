#pragma once
// The rebuild proof, as a model: what a change of one parameter alone (a rebuild)
// does to a stack, resource by resource (cfn/update_impact.hpp), whether it
// replaces every running instance of every Auto Scaling group it reaches, what it
// does to standalone EC2 instances, and whether the stack policy allows each
// change (cfn/stack_policy.hpp). The compiler renders it as diagnostics at source
// lines; the deploy step's rebuild compares a change set against `impact`.
//
// A group's instances are replaced when a change of its launch template (a new
// version: LatestVersionNumber) or launch configuration reaches it (its
// LaunchTemplate, LaunchConfigurationName or MixedInstancesPolicy changes) AND its
// UpdatePolicy replaces instances: AutoScalingRollingUpdate (in batches), or
// AutoScalingReplacingUpdate with WillReplace true (a new group). Without either,
// CloudFormation only points the group at the new version: every instance stays.
//
// Parameters typed `AWS::SSM::Parameter::Value<...>` are resolved again at every
// update, so the proof counts them as "may change" (shared/DECISIONS.md "Rebuild").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "cfn/stack_policy.hpp"
#include "cfn/update_impact.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::cfn {

// A literal number of the template (a number, or a string of digits); none for an intrinsic.
std::optional<std::int64_t> literal_integer(const Json& value);
// An ISO 8601 duration as Auto Scaling takes it (PT#H#M#S), in seconds.
std::optional<std::int64_t> iso8601_seconds(const std::string& text);

struct GroupProblem {
  enum class Kind {
    NoUpdatePolicy,            // error: the new version reaches the group, no update policy replaces instances
    ReplacingWithoutWillReplace,  // error: AutoScalingReplacingUpdate without WillReplace true, and no rolling update
    LaunchNotReached,          // error: the rebuild changes the group, but not its launch template or configuration
    MinInServiceNotBelowMax,   // error: MinInstancesInService >= MaxSize: the rolling update cannot start a new instance
    BatchSizeBelowOne,         // error: MaxBatchSize < 1
    PauseShorterThanHeartbeat, // warning: PauseTime < the launch lifecycle hook's HeartbeatTimeout
    NotReached,                // warning: the rebuild does not touch the group at all: its instances stay
  };
  Kind kind = Kind::NoUpdatePolicy;
  bool error = true;
  JsonPointer where;  // the setting at fault, or the group
  std::int64_t value = 0;  // the setting's value (MinInstancesInService, MaxBatchSize, PauseTime seconds)
  std::int64_t limit = 0;  // what it is compared with (MaxSize, 1, HeartbeatTimeout seconds)
};

struct GroupProof {
  std::string logical_id;
  Effect effect = Effect::None;        // what the rebuild does to the group itself
  bool launch_reached = false;         // a new launch template version or launch configuration reaches it
  enum class UpdatePolicy { None, RollingUpdate, ReplacingUpdate, ReplacingUpdateWithoutWillReplace };
  UpdatePolicy update_policy = UpdatePolicy::None;
  bool replaces_instances = false;     // the verdict
  std::optional<std::int64_t> max_batch_size;         // rolling update (1 when not written)
  std::optional<std::int64_t> min_instances_in_service;  // rolling update (0 when not written)
  std::optional<std::int64_t> max_instance_lifetime;  // seconds, when written as a literal
  std::vector<GroupProblem> problems;
};

// A standalone EC2 instance the rebuild changes: replaced, or updated in place (its
// user data: stopped and started, not rebuilt; the new user data does not run at boot).
struct InstanceProof {
  std::string logical_id;
  Effect effect = Effect::None;
  bool interruption = false;
};

struct PolicyCheck {
  std::string logical_id;
  std::string type;
  PolicyAction action = PolicyAction::Modify;
  PolicyVerdict verdict;
};

// An Allow statement wider than the rebuild: it lets these resources change in ways the rebuild never does.
struct WiderAllowance {
  std::size_t statement = 0;
  std::vector<std::string> resources;
};

struct RebuildProof {
  std::string parameter;
  bool parameter_declared = false;
  std::vector<std::string> may_change_parameters;  // SSM-typed parameters, resolved again at every update
  UpdateImpact impact;
  std::vector<GroupProof> groups;        // every Auto Scaling group of the template, in template order
  std::vector<InstanceProof> instances;  // standalone EC2 instances the rebuild changes
  std::vector<PolicyCheck> policy;       // one per action each changed resource needs (Conditional: Modify and Replace)
  std::vector<WiderAllowance> wider;     // Allow statements wider than the rebuild
  std::vector<std::string> policy_problems;  // the policy document's own problems

  bool changes_nothing() const { return !impact.changes_anything(); }
  bool denied() const;
  // The whole guarantee: something changes, every group touched replaces its instances,
  // no instance is left running its old configuration, and the policy allows it all.
  bool holds() const;
};

// One Auto Scaling group (its template JSON) under an update impact: whether its
// instances are replaced, and its update-policy problems. `infrac diff` asks it of
// every group a change reaches.
GroupProof prove_group(const std::string& logical_id, const Json& group, const ResourceImpact& impact);

RebuildProof prove_rebuild(const Json& template_body, const Json& stack_policy, const ResourceSpec* spec,
                           const std::string& parameter);

}  // namespace infrac::cfn
