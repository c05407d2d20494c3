#pragma once
// The deploy step: every stack of a project, in manifest order, created or
// updated with its stack policy in force at every moment (docs/deploy.md):
//   new stack:  ValidateTemplate, plan, confirm, CreateStack with StackPolicyBody
//   update:     CreateChangeSet (explicit UPDATE), plan, confirm, SetStackPolicy when
//               the source's policy differs, ExecuteChangeSet
//   --allow-update R...: the change set previews, then UpdateStack with
//               StackPolicyDuringUpdateBody = source policy + allowances
// Each stack's outcome is a tagged result; progress goes to a sink.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/cloudformation.hpp"
#include "deploy/progress.hpp"
#include "deploy/project.hpp"
#include "spec/resource_spec.hpp"
#include "deploy/waiter.hpp"

namespace infrac::deploy {

using ParameterValues = std::map<std::string, std::map<std::string, std::string>>;  // stack -> parameter -> value

struct DeployOptions {
  std::string name_format = "{stack}";
  std::string env;
  ParameterValues params;     // --params FILE
  ParameterValues overrides;  // set by rebuild: always sent, over everything else
  std::string role_arn;
  std::vector<aws::cfn::Tag> tags;
  std::optional<bool> termination_protection;
  std::vector<std::string> allow_update;  // logical ids
  std::string s3_bucket;
  bool recreate = false;           // ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS: delete, then create anew
  bool continue_rollback = false;  // UPDATE_ROLLBACK_FAILED: ContinueUpdateRollback first
  std::vector<std::string> only;   // deploy only these infra stacks (empty: all)
  bool create_missing = true;      // false (rebuild): a stack that does not exist is an error
  const ResourceSpec* spec = nullptr;  // for the plan's diff; none: every property change "may replace"
  WaitOptions wait;
};

struct StackResult {
  enum class Kind {
    Deployed,       // created or updated
    NoChanges,      // nothing to do (the policy may still have been updated)
    NeedsRollback,  // UPDATE_ROLLBACK_FAILED, ROLLBACK_COMPLETE, leftover REVIEW_IN_PROGRESS: a flag shows the way out
    Failed,         // AWS said no, rolled back, timed out or was interrupted: `failures` says why
    Refused,        // a gate refused (rebuild beyond its proof, a busy stack)
    Declined,       // the plan was not confirmed
    Invalid,        // the input cannot be deployed (a parameter without value, a template too large without bucket)
  };
  Kind kind = Kind::Failed;
  std::string stack, aws_name, stack_id, status, message;
  std::vector<aws::cfn::StackEvent> failures;
  std::vector<aws::cfn::Output> outputs;
  bool policy_updated = false;
  aws::TimePoint started, finished;
  int exit_status() const;  // 0, 2, 4 or 5 (shared/DECISIONS.md)
};

struct DeployReport {
  std::vector<StackResult> stacks;
  int exit_status() const;  // the worst of the stacks'
};

// Asked once per stack with the plan text; false = declined.
using Confirm = std::function<bool(const std::string& stack, const std::string& plan)>;
// Called with a settled, non-empty change set before the plan is confirmed; "" lets it
// through, anything else refuses the stack with that text (rebuild's proof).
using ChangeSetGate = std::function<std::string(const StackArtifacts&, const aws::cfn::ChangeSet&)>;

DeployReport deploy_project(aws::AwsClient& client, const Project& project, const DeployOptions& options,
                            ProgressSink& sink, const Confirm& confirm, const ChangeSetGate& gate = {});

// `--name-format` applied: {stack} and {env}; "" and a message in `problem` when invalid.
std::string stack_aws_name(const std::string& format, const std::string& stack, const std::string& env, std::string& problem);

inline constexpr size_t kMaxInlineTemplate = 51200;

}  // namespace infrac::deploy
