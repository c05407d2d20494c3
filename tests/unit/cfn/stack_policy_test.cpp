// cfn/stack_policy: verdicts as CloudFormation decides them, on documents as infrac lowers them.
#include <doctest/doctest.h>

#include "cfn/stack_policy.hpp"

using namespace infrac;
using namespace infrac::cfn;

TEST_CASE("no statement allows it: denied") {
  StackPolicy p = parse_stack_policy(Json::parse(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "Update:Modify",
    "Resource": "LogicalResourceId/App*"}]})"));
  CHECK(p.problems.empty());
  PolicyVerdict v = p.evaluate("Db", "AWS::RDS::DBInstance", PolicyAction::Modify);
  CHECK_FALSE(v.allowed);
  CHECK(v.decided == Decision::NoStatement);
  CHECK_FALSE(v.statement);
  CHECK(p.evaluate("AppLt", "AWS::EC2::LaunchTemplate", PolicyAction::Modify).allowed);
  CHECK_FALSE(p.evaluate("AppLt", "AWS::EC2::LaunchTemplate", PolicyAction::Replace).allowed);
}

TEST_CASE("a deny wins over an allow, and names its statement") {
  StackPolicy p = parse_stack_policy(Json::parse(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "Update:*", "Resource": "*"},
    {"Effect": "Deny", "Principal": "*", "Action": ["Update:Replace", "Update:Delete"], "Resource": "LogicalResourceId/Db"}]})"));
  PolicyVerdict v = p.evaluate("Db", "AWS::RDS::DBInstance", PolicyAction::Replace);
  CHECK_FALSE(v.allowed);
  CHECK(v.decided == Decision::Denied);
  CHECK(v.statement == 1u);
  PolicyVerdict m = p.evaluate("Db", "AWS::RDS::DBInstance", PolicyAction::Modify);
  CHECK(m.allowed);
  CHECK(m.statement == 0u);
}

TEST_CASE("NotResource and ResourceType conditions, as lowering writes them") {
  StackPolicy p = parse_stack_policy(Json::parse(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "Update:Modify", "NotResource": ["LogicalResourceId/Db", "LogicalResourceId/Logs*"]},
    {"Effect": "Allow", "Principal": "*", "Action": "Update:Replace", "Resource": "*",
     "Condition": {"StringLike": {"ResourceType": ["AWS::AutoScaling::*"]}}},
    {"Effect": "Deny", "Principal": "*", "Action": "Update:*", "Resource": "*",
     "Condition": {"StringNotEquals": {"ResourceType": ["AWS::EC2::LaunchTemplate", "AWS::AutoScaling::AutoScalingGroup"]}}}]})"));
  CHECK(p.problems.empty());
  CHECK(p.evaluate("Asg", "AWS::AutoScaling::AutoScalingGroup", PolicyAction::Replace).allowed);
  CHECK(p.evaluate("Lt", "AWS::EC2::LaunchTemplate", PolicyAction::Modify).allowed);
  CHECK_FALSE(p.evaluate("Lt", "AWS::EC2::LaunchTemplate", PolicyAction::Replace).allowed);
  PolicyVerdict topic = p.evaluate("Topic", "AWS::SNS::Topic", PolicyAction::Modify);
  CHECK_FALSE(topic.allowed);
  CHECK(topic.statement == 2u);
}

TEST_CASE("the default policy denies every update") {
  StackPolicy p = parse_stack_policy(Json::parse(R"({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "Update:*", "Resource": "*"}]})"));
  for (PolicyAction a : {PolicyAction::Modify, PolicyAction::Replace, PolicyAction::Delete}) CHECK_FALSE(p.evaluate("X", "T", a).allowed);
}

TEST_CASE("malformed statements are reported and skipped") {
  StackPolicy p = parse_stack_policy(Json::parse(R"({"Statement": [1, {"Effect": "Maybe", "Action": "Update:*", "Resource": "*"},
    {"Effect": "Allow", "Action": "Update:*"}, {"Effect": "Allow", "Action": "Update:*", "Resource": "*", "Condition": {"IpAddress": {}}},
    {"Effect": "Allow", "Action": "Update:Modify", "Resource": "*"}]})"));
  CHECK(p.problems.size() == 4);
  REQUIRE(p.statements.size() == 1);
  CHECK(p.statements[0].index == 4);
  CHECK(parse_stack_policy(Json::parse("[]")).problems.size() == 1);
  CHECK(parse_stack_policy(Json::parse(R"({"Statement": "x"})")).problems.size() == 1);
}

TEST_CASE("glob matching") {
  CHECK(glob_match("App*", "AppLaunchTemplate"));
  CHECK(glob_match("*Group", "AppAutoScalingGroup"));
  CHECK(glob_match("*", ""));
  CHECK_FALSE(glob_match("App*X", "AppY"));
  CHECK(glob_match("Update:*", "Update:Modify"));
}
