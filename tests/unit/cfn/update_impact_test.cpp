// cfn/update_impact: effects from the specification, propagated through references.
#include <doctest/doctest.h>

#include "cfn/update_impact.hpp"
#include "spec_fixture.hpp"

using namespace infrac;
using namespace infrac::cfn;
using infrac::test::real_spec;

namespace {

// A launch template whose user data uses P, and a group on its latest version.
const char* kFleet = R"({
  "Parameters": {"P": {"Type": "String"}, "Other": {"Type": "String"}},
  "Resources": {
    "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-1",
      "UserData": {"Fn::Base64": {"Fn::Join": ["", ["echo ", {"Ref": "P"}]]}}}}},
    "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "1", "MaxSize": "2",
      "LaunchTemplate": {"LaunchTemplateId": {"Ref": "Lt"}, "Version": {"Fn::GetAtt": ["Lt", "LatestVersionNumber"]}}}},
    "Log": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": "${Other}-logs"}}},
    "Alarm": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Lt", "DefaultVersionNumber"]}}}
  }})";

UpdateImpact impact_of(const char* text, StartingChanges start) { return compute_update_impact(Json::parse(text), &real_spec(), start); }

}  // namespace

TEST_CASE("a parameter in a launch template's user data: a new version, and the group on it is modified") {
  UpdateImpact impact = impact_of(kFleet, {{{"P"}}, {}});
  const ResourceImpact* lt = impact.find("Lt");
  REQUIRE(lt);
  CHECK(lt->effect == Effect::Modify);
  CHECK(lt->certain);
  REQUIRE(lt->main_reason());
  CHECK(lt->main_reason()->cause == ImpactReason::Cause::Parameter);
  CHECK(lt->main_reason()->names == std::vector<std::string>{"LaunchTemplateData", "UserData"});
  CHECK(lt->main_reason()->property.to_string() == "/Resources/Lt/Properties/LaunchTemplateData/UserData");
  CHECK(lt->main_reason()->reference->path.to_string() == "/Resources/Lt/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Join/1/1/Ref");
  const ResourceImpact* asg = impact.find("Asg");
  CHECK(asg->effect == Effect::Modify);
  CHECK(asg->certain);
  CHECK(asg->main_reason()->via == "Lt.LatestVersionNumber");
  CHECK(asg->main_reason()->cause == ImpactReason::Cause::ChangedAttribute);
  // Ref of a modified resource and an attribute that does not change in place carry nothing.
  CHECK(impact.find("Alarm")->effect == Effect::None);
  CHECK(impact.find("Log")->effect == Effect::None);
  CHECK(impact.changes_anything());
}

TEST_CASE("nothing changes when the parameter is used nowhere") {
  UpdateImpact impact = impact_of(kFleet, {{{"Unused"}}, {}});
  CHECK_FALSE(impact.changes_anything());
}

TEST_CASE("a replaced resource replaces what uses it through an immutable property, transitively") {
  const char* t = R"({"Resources": {
    "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Fn::Sub": "rebuilt ${P}"}}},
    "I": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1", "SecurityGroups": [{"Ref": "Sg"}]}},
    "Eip": {"Type": "AWS::EC2::EIPAssociation", "Properties": {"InstanceId": {"Ref": "I"}, "EIP": "1.2.3.4"}}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.find("Sg")->effect == Effect::Replace);
  CHECK(impact.find("I")->effect == Effect::Replace);
  CHECK(impact.find("I")->main_reason()->cause == ImpactReason::Cause::ReplacedResource);
  CHECK(impact.find("I")->main_reason()->via == "Sg");
  CHECK(impact.find("Eip")->effect != Effect::None);
}

TEST_CASE("a replaced launch configuration reaches its group") {
  const char* t = R"({"Resources": {
    "Lc": {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": "ami-1", "InstanceType": "t3.small",
      "UserData": {"Fn::Base64": {"Ref": "P"}}}},
    "Asg": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": "1", "MaxSize": "2", "LaunchConfigurationName": {"Ref": "Lc"}}}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.find("Lc")->effect == Effect::Replace);
  CHECK(impact.find("Asg")->effect == Effect::Modify);  // conditional, settled: no WillReplace
  CHECK(impact.find("Asg")->main_reason()->names == std::vector<std::string>{"LaunchConfigurationName"});
}

TEST_CASE("an Auto Scaling group with WillReplace is replaced") {
  Json t = Json::parse(kFleet);
  t["Resources"]["Asg"]["UpdatePolicy"] = Json::parse(R"({"AutoScalingReplacingUpdate": {"WillReplace": true}})");
  UpdateImpact impact = compute_update_impact(t, &real_spec(), {{{"P"}}, {}});
  CHECK(impact.find("Asg")->effect == Effect::Replace);
}

TEST_CASE("an instance's user data stops and starts it: modify with interruption, not replace") {
  const char* t = R"({"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1",
    "UserData": {"Fn::Base64": {"Fn::Sub": "echo ${P}"}}}}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.find("I")->effect == Effect::Modify);
  CHECK(impact.find("I")->main_reason()->interruption);
}

TEST_CASE("unknown is never no change: unlisted attributes, unknown types, SSM parameters") {
  const char* t = R"({"Resources": {
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": "r", "Code": {"ZipFile": "x"}, "Description": {"Ref": "P"}}},
    "User": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Fn", "SnapStartResponse.ApplyOn"]}}},
    "Custom": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "t", "X": {"Ref": "P"}}}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.find("Fn")->effect == Effect::Modify);
  const ResourceImpact* user = impact.find("User");
  CHECK(user->effect == Effect::Modify);
  CHECK_FALSE(user->certain);  // may change
  CHECK(impact.find("Custom")->effect == Effect::Conditional);
  UpdateImpact possible = impact_of(kFleet, {{{"P", false}}, {}});
  CHECK(possible.find("Lt")->effect == Effect::Modify);
  CHECK_FALSE(possible.find("Lt")->certain);
}

TEST_CASE("conditions: a condition on a changed parameter may flip its Fn::If properties and its resources") {
  const char* t = R"({"Conditions": {"Big": {"Fn::Equals": [{"Ref": "P"}, "big"]}, "NotBig": {"Fn::Not": [{"Condition": "Big"}]}},
    "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeout": {"Fn::If": ["NotBig", 30, 60]}}},
                  "T": {"Type": "AWS::SNS::Topic", "Condition": "Big"}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.changed_conditions == std::vector<std::string>{"Big", "NotBig"});
  CHECK(impact.find("Q")->effect == Effect::Modify);
  CHECK(impact.find("Q")->main_reason()->cause == ImpactReason::Cause::Condition);
  CHECK(impact.find("T")->effect == Effect::Conditional);
}

TEST_CASE("directly changed properties (for infrac diff)") {
  UpdateImpact impact = impact_of(kFleet, {{}, {{"Lt", JsonPointer("/LaunchTemplateData/ImageId")}, {"Log", JsonPointer("/LogGroupName")}}});
  CHECK(impact.find("Lt")->effect == Effect::Modify);
  CHECK(impact.find("Lt")->main_reason()->cause == ImpactReason::Cause::Direct);
  CHECK(impact.find("Asg")->effect == Effect::Modify);
  CHECK(impact.find("Log")->effect == Effect::Replace);  // LogGroupName is create-only
}

TEST_CASE("property names stop at the first intrinsic and skip list indices") {
  CHECK(property_names(JsonPointer("/A/0/B/Fn::If/1/C")) == std::vector<std::string>{"A", "B"});
  CHECK(property_names(JsonPointer("/Tags/3/Value")) == std::vector<std::string>{"Tags", "Value"});
}

TEST_CASE("a reference cycle ends") {
  const char* t = R"({"Resources": {
    "A": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Fn::Sub": "${B} ${P}"}}},
    "B": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": {"Fn::Sub": "${A}"}}}}})";
  UpdateImpact impact = impact_of(t, {{{"P"}}, {}});
  CHECK(impact.find("A")->effect == Effect::Replace);
  CHECK(impact.find("B")->effect == Effect::Replace);
}
