// cfn/references: every way of writing a reference, each with its JSON path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cfn/references.hpp"

using namespace infrac;
using namespace infrac::cfn;

namespace {

std::vector<std::string> describe(const Json& value) {
  std::vector<std::string> out;
  for (const Reference& r : references_in(value, JsonPointer("/V"))) {
    const char* kinds[] = {"Ref", "GetAtt", "Condition", "Mapping", "DependsOn"};
    std::string line = std::string(kinds[static_cast<int>(r.kind)]) + " " + r.name;
    if (!r.attribute.empty()) line += "." + r.attribute;
    line += " @" + r.path.to_string();
    if (r.via_sub) line += " sub";
    for (const auto& b : r.under) line += std::string(" if ") + (b.when ? "" : "!") + b.condition;
    out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("Ref and GetAtt in both forms, at any depth") {
  Json v = Json::parse(R"({"A": [{"B": {"Ref": "P"}}], "C": {"Fn::GetAtt": ["R", "Arn"]}, "D": {"Fn::GetAtt": "S.Endpoint.Address"}})");
  CHECK(describe(v) == std::vector<std::string>{"Ref P @/V/A/0/B/Ref", "GetAtt R.Arn @/V/C/Fn::GetAtt/0",
                                                "GetAtt S.Endpoint.Address @/V/D/Fn::GetAtt"});
}

TEST_CASE("Fn::Sub variables: string form, list form with shadowing, literals, nested values") {
  Json v = Json::parse(R"({"Fn::Sub": "${AWS::Region} ${P} ${R.Arn} ${!Lit}"})");
  CHECK(describe(v) == std::vector<std::string>{"Ref AWS::Region @/V/Fn::Sub sub", "Ref P @/V/Fn::Sub sub", "GetAtt R.Arn @/V/Fn::Sub sub"});
  Json w = Json::parse(R"({"Fn::Sub": ["${X} ${Y}", {"X": {"Ref": "Q"}}]})");
  CHECK(describe(w) == std::vector<std::string>{"Ref Y @/V/Fn::Sub/0 sub", "Ref Q @/V/Fn::Sub/1/X/Ref"});
}

TEST_CASE("the issue's hand-written user data: Base64 of Join of a Ref") {
  Json v = Json::parse(R"({"Fn::Base64": {"Fn::Join": ["", ["#!/bin/bash\necho ", {"Ref": "RebuildTimestamp"}, "\n"]]}})");
  CHECK(describe(v) == std::vector<std::string>{"Ref RebuildTimestamp @/V/Fn::Base64/Fn::Join/1/1/Ref"});
}

TEST_CASE("Fn::If names its condition and marks its branches; Condition and FindInMap name declarations") {
  Json v = Json::parse(R"({"Fn::If": ["C", {"Ref": "A"}, {"Fn::If": ["D", "x", {"Ref": "B"}]}]})");
  CHECK(describe(v) == std::vector<std::string>{"Condition C @/V/Fn::If/0", "Ref A @/V/Fn::If/1/Ref if C", "Condition D @/V/Fn::If/2/Fn::If/0 if !C",
                                                "Ref B @/V/Fn::If/2/Fn::If/2/Ref if !C if !D"});
  Json w = Json::parse(R"({"Fn::And": [{"Condition": "C"}, {"Fn::Equals": [{"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "k"]}, "x"]}]})");
  CHECK(describe(w) == std::vector<std::string>{"Condition C @/V/Fn::And/0/Condition", "Mapping M @/V/Fn::And/1/Fn::Equals/0/Fn::FindInMap/0",
                                                "Ref AWS::Region @/V/Fn::And/1/Fn::Equals/0/Fn::FindInMap/1/Ref"});
}

TEST_CASE("functions without a name argument are walked; maps that are not intrinsics too") {
  Json v = Json::parse(R"({"Fn::Length": [{"Ref": "L"}], "X": {"Fn::ToJsonString": {"k": {"Fn::GetAtt": ["R", "Arn"]}}}})");
  // A two-key map is not an intrinsic: both values are walked.
  CHECK(describe(v) == std::vector<std::string>{"Ref L @/V/Fn::Length/0/Ref", "GetAtt R.Arn @/V/X/Fn::ToJsonString/k/Fn::GetAtt/0"});
}

TEST_CASE("own references name only the intrinsic's own names") {
  Json v = Json::parse(R"({"Fn::If": ["C", {"Ref": "A"}, "b"]})");
  std::vector<std::string> names;
  for_each_own_reference(v, JsonPointer(), [&](const Reference& r) { names.push_back(r.name); });
  CHECK(names == std::vector<std::string>{"C"});
}

TEST_CASE("template_references: DependsOn, resource Condition, outputs, conditions") {
  Json t = Json::parse(R"({"Conditions": {"C": {"Fn::Equals": [{"Ref": "P"}, "x"]}},
    "Resources": {"R": {"Type": "T", "Condition": "C", "DependsOn": ["S"], "Properties": {"A": {"Ref": "P"}}},
                  "S": {"Type": "T", "DependsOn": "R"}},
    "Outputs": {"O": {"Value": {"Fn::GetAtt": "R.Arn"}}}})");
  std::vector<std::string> out;
  for (const auto& r : template_references(t)) out.push_back(r.name + " @" + r.path.to_string());
  CHECK(out == std::vector<std::string>{"P @/Conditions/C/Fn::Equals/0/Ref", "C @/Resources/R/Condition", "S @/Resources/R/DependsOn/0",
                                        "P @/Resources/R/Properties/A/Ref", "R @/Resources/S/DependsOn", "R @/Outputs/O/Value/Fn::GetAtt"});
}

TEST_CASE("malformed intrinsics do not crash and report what they can") {
  for (const char* text : {R"({"Ref": 1})", R"({"Fn::GetAtt": []})", R"({"Fn::GetAtt": [1, 2]})", R"({"Fn::Sub": []})",
                           R"({"Fn::Sub": [1, 2]})", R"({"Fn::If": "C"})", R"({"Fn::If": []})", R"({"Fn::FindInMap": {}})",
                           R"({"Fn::Sub": "${unclosed"})", R"({"Condition": ["x"]})"}) {
    CAPTURE(text);
    CHECK_NOTHROW(describe(Json::parse(text)));
  }
}

TEST_CASE("pointer tokens are unescaped") {
  CHECK(pointer_tokens(JsonPointer("/Resources/A~1B/0/x~0y")) == std::vector<std::string>{"Resources", "A/B", "0", "x~y"});
  CHECK(pointer_tokens(JsonPointer("")).empty());
}
