// The plan a deploy shows before it asks: `infrac diff`'s change model between the
// deployed stack and the build, rendered by diff's own renderer (the text is exactly
// what `infrac diff` prints for the same pair), then CloudFormation's answers.
#include <doctest/doctest.h>

#include "deploy/plan.hpp"
#include "diff/render.hpp"

using namespace infrac;
using namespace infrac::deploy;
namespace cf = infrac::aws::cfn;

namespace {

StackArtifacts built() {
  StackArtifacts a;
  a.name = "app";
  a.template_json = Json::parse(R"({
    "Parameters": {"Size": {"Type": "String"}, "DbPassword": {"Type": "String", "NoEcho": true}},
    "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}}}})");
  a.template_body = a.template_json.dump();
  a.policy_json = Json::parse(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "Update:Modify", "Resource": "*"}]})");
  a.policy_body = a.policy_json.dump();
  return a;
}

std::string diff_text(const diff::StackPair& pair, const std::vector<diff::ParameterValue>& parameters = {}) {
  diff::DiffOptions options;
  options.parameters = parameters;
  return diff::render_text(diff::Diff{{diff::diff_stack(pair, options)}});
}

}  // namespace

TEST_CASE("plan of a new stack: infrac diff against no stack, then ValidateTemplate's answer") {
  StackArtifacts a = built();
  PlanInput input{&a, "app-prod", std::nullopt, {}, nullptr};
  std::string plan = render_plan(input, plan_diff(input), {"", std::nullopt, true, {"CAPABILITY_IAM"}}, "Stack policy: the source's\n");
  CHECK(plan.rfind("Plan for stack app (new stack app-prod):\n", 0) == 0);
  std::string expected_diff = diff_text({"app", std::nullopt, diff::StackVersion{a.template_json, a.policy_json, {}}});
  CHECK(plan.find(expected_diff) != std::string::npos);
  CHECK(plan.find("+ Logs  AWS::Logs::LogGroup  create") != std::string::npos);
  CHECK(plan.find("CloudFormation (ValidateTemplate): the template is valid; acknowledged: CAPABILITY_IAM\n") != std::string::npos);
  CHECK(plan.substr(plan.size() - 27) == "Stack policy: the source's\n");
}

TEST_CASE("plan of an update: the deployed template and policy against the build, the change set, no NoEcho value") {
  StackArtifacts a = built();
  diff::StackVersion deployed;
  REQUIRE(deployed_version(R"({"Parameters": {"Size": {"Type": "String"}, "DbPassword": {"Type": "String", "NoEcho": true}},
                               "Resources": {"Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 7}}}})",
                           "", deployed) == "");
  CHECK_FALSE(deployed.policy.has_value());
  std::vector<cf::Parameter> sent = {{"Size", "large", false}, {"DbPassword", "s3cret-value", false}, {"Kept", "", true}};
  std::vector<cf::Parameter> current = {{"Size", "small", false}, {"DbPassword", "****", false}, {"Kept", "x", false}};
  auto changed = changed_parameters(sent, current, {{"Size", "to the value in `--params`"}});
  REQUIRE(changed.size() == 2);
  CHECK(changed[0].name == "Size");
  CHECK(changed[1].name == "DbPassword");
  PlanInput input{&a, "app", deployed, changed, nullptr};
  cf::ChangeSet cs;
  cs.changes = {{"Modify", "Logs", "app-Logs-1", "AWS::Logs::LogGroup", "False", {"Properties"}, {{"Properties", "RetentionInDays", "Direct", "", "", ""}}}};
  std::string plan = render_plan(input, plan_diff(input), {"infrac-20261129T180000Z", cs, false, {}}, "Stack policy: replaced\n");
  CHECK(plan.rfind("Plan for stack app (app):\n", 0) == 0);
  std::string expected_diff = diff_text({"app", deployed, diff::StackVersion{a.template_json, a.policy_json, {}}}, changed);
  CHECK(plan.find(expected_diff) != std::string::npos);
  CHECK(plan.find("~ Properties.RetentionInDays: 7 → 14") != std::string::npos);
  CHECK(plan.find("CloudFormation's change set infrac-20261129T180000Z:\n  ~ Logs") != std::string::npos);
  CHECK(plan.find("replacement: False (Properties.RetentionInDays)") != std::string::npos);
  CHECK(plan.find("s3cret-value") == std::string::npos);
  // Where each value comes from, not `infrac diff --param`'s wording: deploy has no --param.
  CHECK(plan.find("Parameter `Size` changes to the value in `--params`\n") != std::string::npos);
  CHECK(plan.find("Parameter `DbPassword` changes at this deploy\n") != std::string::npos);
  CHECK(plan.find("--param`)") == std::string::npos);
}

TEST_CASE("plan: what AWS returned as the deployed template must be a document") {
  diff::StackVersion deployed;
  CHECK(deployed_version("<html>", "", deployed).rfind("the template (GetTemplate) AWS returned cannot be read: ", 0) == 0);
  CHECK(deployed_version("{}", "{\"Statement\": [", deployed).rfind("the stack policy (GetStackPolicy) AWS returned cannot be read: ", 0) == 0);
  REQUIRE(deployed_version("Resources: {}\n", R"({"Statement": []})", deployed) == "");
  CHECK(deployed.policy == Json::parse(R"({"Statement": []})"));
}
