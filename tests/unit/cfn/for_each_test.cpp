// cfn/for_each: Fn::ForEach of AWS::LanguageExtensions expanded as the transform does.
#include <doctest/doctest.h>

#include "cfn/for_each.hpp"

using infrac::Json;
using namespace infrac::cfn;

TEST_CASE("Fn::ForEach: keys, Ref and Fn::Sub of the identifier, nested loops, GetAtt of a Sub name") {
  // The shape of CloudFormation's own example (Outputs section, nested loops).
  Json t = Json::parse(R"({
    "Transform": "AWS::LanguageExtensions",
    "Resources": {
      "Fn::ForEach::Buckets": ["Id", ["A", "b-2"], {
        "S3Bucket&{Id}": {"Type": "AWS::S3::Bucket", "Properties": {
          "BucketName": {"Fn::Sub": "${AWS::StackName}-${Id}"}, "Label": {"Ref": "Id"}, "Plain": "${Id}",
          "Other": {"Ref": "AWS::Region"}, "Pick": {"Fn::If": ["Id", {"Ref": "Id"}, "x"]}}}
      }],
      "Log": {"Type": "AWS::Logs::LogGroup"}
    },
    "Outputs": {
      "Fn::ForEach::Out": ["Id", ["A"], {
        "Fn::ForEach::Attr": ["Property", ["Arn", "DomainName"], {
          "S3Bucket${Id}${Property}": {"Value": {"Fn::GetAtt": [{"Fn::Sub": "S3Bucket${Id}"}, {"Ref": "Property"}]}}
        }]
      }]
    }
  })");
  ForEachExpansion e = expand_for_each(t);
  REQUIRE(e.problems.empty());
  Json want = Json::parse(R"({
    "Transform": "AWS::LanguageExtensions",
    "Resources": {
      "S3BucketA": {"Type": "AWS::S3::Bucket", "Properties": {
        "BucketName": {"Fn::Sub": "${AWS::StackName}-A"}, "Label": "A", "Plain": "${Id}",
        "Other": {"Ref": "AWS::Region"}, "Pick": {"Fn::If": ["Id", "A", "x"]}}},
      "S3Bucketb2": {"Type": "AWS::S3::Bucket", "Properties": {
        "BucketName": {"Fn::Sub": "${AWS::StackName}-b-2"}, "Label": "b-2", "Plain": "${Id}",
        "Other": {"Ref": "AWS::Region"}, "Pick": {"Fn::If": ["Id", "b-2", "x"]}}},
      "Log": {"Type": "AWS::Logs::LogGroup"}
    },
    "Outputs": {
      "S3BucketAArn": {"Value": {"Fn::GetAtt": ["S3BucketA", "Arn"]}},
      "S3BucketADomainName": {"Value": {"Fn::GetAtt": ["S3BucketA", "DomainName"]}}
    }
  })");
  CHECK(e.template_body.dump() == want.dump());
  CHECK(has_for_each(t));
  CHECK_FALSE(has_for_each(want));
}

TEST_CASE("Fn::ForEach: what cannot be expanded before deploy, and copies of one key, are problems") {
  Json t = Json::parse(R"({"Resources": {
    "Fn::ForEach::Q": ["Name", {"Ref": "Names"}, {"Queue${Name}": {"Type": "AWS::SQS::Queue"}}],
    "Fn::ForEach::R": ["Name", ["a", "a"], {"Topic${Name}": {"Type": "AWS::SNS::Topic"}}],
    "Fn::ForEach::S": ["Name", ["a", 1], {"T${Name}": {"Type": "AWS::SNS::Topic"}}],
    "Fn::ForEach::T": ["Name", ["a"]]
  }})");
  ForEachExpansion e = expand_for_each(t);
  REQUIRE(e.problems.size() == 4);
  CHECK(e.problems[0].at.to_string() == "/Resources/Fn::ForEach::Q/1");
  CHECK(e.problems[0].message.find("known only at deploy") != std::string::npos);
  CHECK(e.problems[1].message == "`Fn::ForEach` makes the key `Topica` twice");
  CHECK(e.problems[2].at.to_string() == "/Resources/Fn::ForEach::S/1/1");
  CHECK(e.problems[3].message == "`Fn::ForEach` takes [identifier, collection, {key: value}]");
}

TEST_CASE("Fn::ForEach: loops in loops that would multiply past the budget stop with a problem") {
  Json items = Json::array();
  for (int i = 0; i < 40; ++i) items.push_back("i" + std::to_string(i));
  // A fragment of a thousand values, so the budget is reached after a few hundred copies.
  Json fragment = Json{{"R${L0}${L1}${L2}${L3}${L4}", Json{{"Type", "AWS::SNS::Topic"}, {"Metadata", Json{{"Big", Json(std::vector<int>(1000, 1))}}}}}};
  for (int level = 4; level >= 0; --level) {
    fragment = Json{{"Fn::ForEach::L" + std::to_string(level), Json::array({"L" + std::to_string(level), items, fragment})}};
  }
  ForEachExpansion e = expand_for_each(Json{{"Resources", fragment}});  // 40^5 copies: 102 million
  REQUIRE(e.problems.size() == 1);
  CHECK(e.problems[0].message == "`Fn::ForEach` expands to more than 200000 values");
}
