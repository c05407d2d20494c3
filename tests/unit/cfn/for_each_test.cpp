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
