#pragma once
// `infrac rebuild`: the gate and the verification (docs/rebuild.md).
//
// The gate compares a settled change set with the compiler's rebuild proof
// (cfn/rebuild_proof.hpp): every change must be one the proof predicts (a resource
// it says the rebuild modifies or replaces; replacement only where it predicts
// replacement or "may"; an added or removed resource only where a condition may
// flip), and one the stack policy allows. Anything beyond is a refusal, with the
// change set shown.
//
// The verification reads every Auto Scaling group of the rebuilt stacks and the
// EC2 instances in them: each must have been launched after the rebuild started
// and be InService; it waits for that (the rolling update may still be draining)
// up to a deadline, then reports old and new instances.
#include <optional>
#include <string>
#include <vector>

#include "aws/fleet_services.hpp"
#include "cfn/rebuild_proof.hpp"
#include "deploy/deploy.hpp"

namespace infrac::deploy {

// "" when every change of `change_set` is within `proof` and `policy`; else the refusal text.
std::string check_within_proof(const aws::cfn::ChangeSet& change_set, const cfn::RebuildProof& proof,
                               const cfn::StackPolicy& policy);

struct InstanceState {
  std::string id, group, lifecycle_state, health_status;
  std::optional<aws::TimePoint> launch_time;
  bool replaced = false;  // launched at or after the rebuild started, and InService
};

struct Verification {
  bool complete = false;  // every instance replaced and in service
  std::vector<InstanceState> instances;
  std::vector<std::string> groups;
  std::string problem;  // an API error
  std::optional<aws::TimePoint> oldest_launch;
};

// Reads the groups once.
Verification verify_instances(aws::AwsClient& client, const std::vector<std::string>& groups, aws::TimePoint started);

// Polls verify_instances until complete, an API error, the deadline or Ctrl-C.
Verification wait_for_replacement(aws::AwsClient& client, const std::vector<std::string>& groups, aws::TimePoint started,
                                  const WaitOptions& options, ProgressSink& sink);

}  // namespace infrac::deploy
