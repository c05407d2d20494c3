// cfn/equality: CloudFormation's notion of the same value.
#include <doctest/doctest.h>

#include "cfn/equality.hpp"

using infrac::Json;
using namespace infrac::cfn;

TEST_CASE("numbers, booleans and their text are equal") {
  CHECK(equal(Json(10), Json("10")));
  CHECK(equal(Json("10"), Json(10.0)));
  CHECK(equal(Json(true), Json("true")));
  CHECK_FALSE(equal(Json(true), Json("True")));
  CHECK_FALSE(equal(Json("1.0"), Json("1")));  // two texts compare as text
  CHECK_FALSE(equal(Json(10), Json("ten")));
  CHECK_FALSE(equal(Json(nullptr), Json("")));
  CHECK(equal(Json::parse(R"({"a": [1, "x"]})"), Json::parse(R"({"a": ["1", "x"]})")));
  CHECK_FALSE(equal(Json::parse(R"({"a": 1})"), Json::parse(R"({"a": 1, "b": 2})")));
}

TEST_CASE("the short and long forms of GetAtt are equal") {
  CHECK(equal(Json::parse(R"({"Fn::GetAtt": "A.B.C"})"), Json::parse(R"({"Fn::GetAtt": ["A", "B.C"]})")));
  CHECK(normalise_value(Json::parse(R"([{"Fn::GetAtt": "A.B"}])")) == Json::parse(R"([{"Fn::GetAtt": ["A", "B"]}])"));
}

TEST_CASE("DependsOn order and form do not matter") {
  Json a = normalise_template(Json::parse(R"({"Resources": {"R": {"DependsOn": ["B", "A", "B"]}}})"));
  Json b = normalise_template(Json::parse(R"({"Resources": {"R": {"DependsOn": ["A", "B"]}}})"));
  Json c = normalise_template(Json::parse(R"({"Resources": {"R": {"DependsOn": "A"}}})"));
  CHECK(a == b);
  CHECK(c["Resources"]["R"]["DependsOn"] == Json::array({"A"}));
}
