// cfn/rebuild_proof: every instance replaced, or exactly why not.
#include <doctest/doctest.h>

#include "cfn/rebuild_proof.hpp"
#include "spec_fixture.hpp"

using namespace infrac;
using namespace infrac::cfn;
using infrac::test::real_spec;

namespace {

Json fleet(const char* update_policy) {
  Json t = Json::parse(R"({
    "Parameters": {"RebuildTimestamp": {"Type": "String"}, "Ami": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"}},
    "Resources": {
      "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": {"Ref": "Ami"},
        "UserData": {"Fn::Base64": {"Fn::Sub": "echo ${RebuildTimestamp}"}}}}},
      "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "2", "MaxSize": "4", "MaxInstanceLifetime": 86400,
        "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"}, "Version": {"Fn::GetAtt": ["Lt", "LatestVersionNumber"]}},
        "LifecycleHookSpecificationList": [{"LifecycleHookName": "h", "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING",
                                            "HeartbeatTimeout": 1800}]}}}})");
  if (*update_policy) t["Resources"]["Asg"]["UpdatePolicy"] = Json::parse(update_policy);
  return t;
}

const Json kAllowBoth = Json::parse(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "Update:Modify",
  "Resource": ["LogicalResourceId/Lt", "LogicalResourceId/Asg"]}]})");

}  // namespace

TEST_CASE("a rolling update replaces every instance; the policy allows exactly that") {
  RebuildProof p = prove_rebuild(fleet(R"({"AutoScalingRollingUpdate": {"MinInstancesInService": 2, "MaxBatchSize": 1, "PauseTime": "PT30M"}})"),
                                 kAllowBoth, &real_spec(), "RebuildTimestamp");
  CHECK(p.parameter_declared);
  CHECK(p.may_change_parameters == std::vector<std::string>{"Ami"});
  REQUIRE(p.groups.size() == 1);
  const GroupProof& g = p.groups[0];
  CHECK(g.launch_reached);
  CHECK(g.update_policy == GroupProof::UpdatePolicy::RollingUpdate);
  CHECK(g.replaces_instances);
  CHECK(g.max_batch_size == 1);
  CHECK(g.min_instances_in_service == 2);
  CHECK(g.max_instance_lifetime == 86400);
  CHECK(g.problems.empty());
  CHECK_FALSE(p.denied());
  CHECK(p.wider.empty());
  CHECK(p.holds());
}

TEST_CASE("the issue's second reproduction: no update policy, no instance replaced") {
  RebuildProof p = prove_rebuild(fleet(""), kAllowBoth, &real_spec(), "RebuildTimestamp");
  REQUIRE(p.groups.size() == 1);
  CHECK(p.groups[0].launch_reached);
  CHECK_FALSE(p.groups[0].replaces_instances);
  REQUIRE(p.groups[0].problems.size() == 1);
  CHECK(p.groups[0].problems[0].kind == GroupProblem::Kind::NoUpdatePolicy);
  CHECK_FALSE(p.holds());
}

TEST_CASE("a replacing update needs WillReplace; with it the group is replaced") {
  RebuildProof without = prove_rebuild(fleet(R"({"AutoScalingReplacingUpdate": {"WillReplace": false}})"), kAllowBoth, &real_spec(), "RebuildTimestamp");
  REQUIRE(without.groups[0].problems.size() == 1);
  CHECK(without.groups[0].problems[0].kind == GroupProblem::Kind::ReplacingWithoutWillReplace);
  RebuildProof with = prove_rebuild(fleet(R"({"AutoScalingReplacingUpdate": {"WillReplace": true}})"), kAllowBoth, &real_spec(), "RebuildTimestamp");
  CHECK(with.groups[0].effect == Effect::Replace);
  CHECK(with.groups[0].replaces_instances);
  REQUIRE(with.policy.size() == 2);
  CHECK_FALSE(with.policy[1].verdict.allowed);  // the policy allows only modify of the group
  CHECK(with.policy[1].action == PolicyAction::Replace);
  CHECK_FALSE(with.holds());
}

TEST_CASE("settings under which the rolling update cannot finish") {
  RebuildProof p = prove_rebuild(fleet(R"({"AutoScalingRollingUpdate": {"MinInstancesInService": 4, "MaxBatchSize": 0, "PauseTime": "PT15M"}})"),
                                 kAllowBoth, &real_spec(), "RebuildTimestamp");
  std::vector<GroupProblem::Kind> kinds;
  for (const auto& problem : p.groups[0].problems) kinds.push_back(problem.kind);
  CHECK(kinds == std::vector<GroupProblem::Kind>{GroupProblem::Kind::BatchSizeBelowOne, GroupProblem::Kind::MinInServiceNotBelowMax,
                                                 GroupProblem::Kind::PauseShorterThanHeartbeat});
  CHECK(p.groups[0].problems[2].value == 900);
  CHECK(p.groups[0].problems[2].limit == 1800);
  CHECK_FALSE(p.groups[0].problems[2].error);
}

TEST_CASE("a rebuild that changes nothing, or touches a group without reaching its launch template") {
  Json t = fleet(R"({"AutoScalingRollingUpdate": {}})");
  RebuildProof nothing = prove_rebuild(t, kAllowBoth, &real_spec(), "Unused");
  CHECK_FALSE(nothing.parameter_declared);
  CHECK(nothing.changes_nothing() == false);  // the SSM parameter may still change the launch template
  t["Parameters"].erase("Ami");
  t["Resources"]["Lt"]["Properties"]["LaunchTemplateData"]["ImageId"] = "ami-1";
  t["Parameters"]["Unused"] = Json{{"Type", "String"}};
  RebuildProof none = prove_rebuild(t, kAllowBoth, &real_spec(), "Unused");
  CHECK(none.changes_nothing());
  CHECK_FALSE(none.holds());
  CHECK(none.groups[0].problems[0].kind == GroupProblem::Kind::NotReached);
  REQUIRE(none.wider.size() == 1);
  CHECK(none.wider[0].resources == std::vector<std::string>{"Lt", "Asg"});
  t["Resources"]["Asg"]["Properties"]["Tags"] = Json::parse(R"([{"Key": "k", "Value": {"Ref": "Unused"}, "PropagateAtLaunch": true}])");
  RebuildProof tags = prove_rebuild(t, kAllowBoth, &real_spec(), "Unused");
  CHECK(tags.groups[0].effect == Effect::Modify);
  CHECK(tags.groups[0].problems[0].kind == GroupProblem::Kind::LaunchNotReached);
}

TEST_CASE("a standalone instance's user data: stopped and started, not rebuilt") {
  Json t = Json::parse(R"({"Parameters": {"R": {"Type": "String"}}, "Resources": {"I": {"Type": "AWS::EC2::Instance",
    "Properties": {"ImageId": "ami-1", "UserData": {"Fn::Base64": {"Ref": "R"}}}}}})");
  RebuildProof p = prove_rebuild(t, Json::parse(R"({"Statement": [{"Effect": "Allow", "Action": "Update:*", "Resource": "*"}]})"),
                                 &real_spec(), "R");
  REQUIRE(p.instances.size() == 1);
  CHECK(p.instances[0].effect == Effect::Modify);
  CHECK(p.instances[0].interruption);
  CHECK_FALSE(p.holds());
}

TEST_CASE("durations and literal numbers") {
  CHECK(iso8601_seconds("PT15M") == 900);
  CHECK(iso8601_seconds("PT1H30M10S") == 5410);
  CHECK_FALSE(iso8601_seconds("15M"));
  CHECK_FALSE(iso8601_seconds("PT"));
  CHECK_FALSE(iso8601_seconds("PTM"));
  CHECK_FALSE(iso8601_seconds("PT5"));
  CHECK(literal_integer(Json("12")) == 12);
  CHECK(literal_integer(Json(3)) == 3);
  CHECK_FALSE(literal_integer(Json::parse(R"({"Ref": "X"})")));
  CHECK_FALSE(literal_integer(Json("")));
}
