#pragma once
// The plan of one stack, shown before it is confirmed: the change model of `infrac diff`
// between what is deployed (GetTemplate and GetStackPolicy; nothing for a new stack) and
// the build, rendered by diff's own human renderer, then CloudFormation's own answers
// (the change set it computed, or ValidateTemplate's capabilities for a new stack), then
// what the deploy does with the stack policy. One renderer of changes: diff/'s.
//
//   PlanInput --plan_diff--> diff::StackDiff --render_plan--> text
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/cloudformation.hpp"
#include "diff/diff.hpp"
#include "deploy/project.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::deploy {

struct PlanInput {
  const StackArtifacts* artifacts = nullptr;   // the build: the new version
  std::string aws_name;
  std::optional<diff::StackVersion> deployed;  // none: the stack is created
  // Parameter values sent that differ from the deployed stack's, and where they come from.
  std::vector<diff::ParameterValue> parameters_changed;
  const ResourceSpec* spec = nullptr;
};

// What CloudFormation answered about this deploy, shown after infrac's diff.
struct CloudFormationAnswers {
  std::string change_set_name;                        // "" for a new stack
  std::optional<aws::cfn::ChangeSet> change_set;      // none: no change set, or one with no changes
  bool validated = false;                             // a new stack: ValidateTemplate accepted the template
  // The capabilities CreateStack acknowledges: the manifest's, and those ValidateTemplate named.
  std::vector<std::string> acknowledged;
};

// The deployed version as the diff's model: the template and policy texts AWS returned,
// through cfn/load. "" when both load; else what is wrong (AWS answered what no template is).
std::string deployed_version(const std::string& template_body, const std::string& policy_body, diff::StackVersion& out);

// Where each parameter value a deploy sends comes from, as the plan says it, after
// "Parameter `Name` changes ": "to the value in `--params`", "to output `VpcId` of stack
// `network`", "to the time of this rebuild".
using ParameterSources = std::map<std::string, std::string>;

// The parameters of a request whose values differ from the stack's current ones, each with
// where its value comes from; a value kept with UsePreviousValue does not change.
std::vector<diff::ParameterValue> changed_parameters(const std::vector<aws::cfn::Parameter>& sent,
                                                     const std::vector<aws::cfn::Parameter>& current,
                                                     const ParameterSources& sources);

diff::StackDiff plan_diff(const PlanInput& input);

// `policy_note`: one line saying what the deploy does with the stack policy.
std::string render_plan(const PlanInput& input, const diff::StackDiff& changes, const CloudFormationAnswers& answers,
                        const std::string& policy_note);

// CloudFormation's change set, one line per resource (also quoted by a refused rebuild).
std::string render_change_set(const aws::cfn::ChangeSet& change_set);

}  // namespace infrac::deploy
