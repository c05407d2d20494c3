// The test evaluator must itself be right, or the round-trip test proves nothing.
#include "support/cfn_eval.hpp"

#include <doctest/doctest.h>

using infrac::test::base64_decode;
using infrac::test::base64_encode;
using infrac::test::CfnContext;
using infrac::test::CfnEvalError;
using infrac::test::evaluate;
using infrac::test::Json;

namespace {

CfnContext sample_context() {
  CfnContext context;
  context.pseudo_parameters = infrac::test::fake_pseudo_parameters("eu-west-1");
  context.parameters = {{"Env", "prod"}, {"Size", "3"}, {"Subnets", Json::array({"subnet-1", "subnet-2"})}};
  context.resource_refs = {{"Bucket", "my-bucket"}};
  context.attributes = {{"Bucket.Arn", "arn:aws:s3:::my-bucket"}, {"Db.Endpoint.Address", "db.example.com"}};
  context.mappings = Json::parse(R"({"RegionMap": {"eu-west-1": {"Ami": "ami-456"}}})");
  context.conditions = Json::parse(R"({
    "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
    "IsDev": {"Fn::Not": [{"Condition": "IsProd"}]},
    "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "a"]}]},
    "Either": {"Fn::Or": [{"Condition": "IsDev"}, {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}]},
    "Loop": {"Fn::Not": [{"Condition": "Loop"}]}
  })");
  context.exports = {{"shared-VpcId", "vpc-123"}};
  return context;
}

Json eval(const char* text) { return evaluate(Json::parse(text), sample_context()); }
std::string sub(const std::string& text) { return eval(Json({{"Fn::Sub", text}}).dump().c_str()).get<std::string>(); }

}  // namespace

TEST_CASE("base64 encodes and decodes every padding length") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode(std::string("\xff\xfe\0\x01", 4)) == "//4AAQ==");
  for (std::string text : {"", "a", "ab", "abc", "abcd", "h\xc3\xa9llo \xe2\x9c\x93\n", "\t\\$`"}) {
    CHECK(base64_decode(base64_encode(text)) == text);
  }
  CHECK_THROWS_AS(base64_decode("Zg="), CfnEvalError);
  CHECK_THROWS_AS(base64_decode("Z=g="), CfnEvalError);
  CHECK_THROWS_AS(base64_decode("Zm9v!A=="), CfnEvalError);
  CHECK_THROWS_AS(base64_decode("Zg==Zg=="), CfnEvalError);
}

TEST_CASE("plain values pass through") {
  CHECK(eval(R"({"a": [1, "x", true, null], "b": {"c": 2.5}})") ==
        Json::parse(R"({"a": [1, "x", true, null], "b": {"c": 2.5}})"));
}

TEST_CASE("Ref and Fn::GetAtt") {
  CHECK(eval(R"({"Ref": "Env"})") == "prod");
  CHECK(eval(R"({"Ref": "AWS::Region"})") == "eu-west-1");
  CHECK(eval(R"({"Ref": "Bucket"})") == "my-bucket");
  CHECK(eval(R"({"Ref": "Subnets"})") == Json::array({"subnet-1", "subnet-2"}));
  CHECK(eval(R"({"Fn::GetAtt": ["Bucket", "Arn"]})") == "arn:aws:s3:::my-bucket");
  CHECK(eval(R"({"Fn::GetAtt": ["Db", "Endpoint.Address"]})") == "db.example.com");
  CHECK(eval(R"({"Fn::GetAtt": "Db.Endpoint.Address"})") == "db.example.com");
  CHECK_THROWS_AS(eval(R"({"Ref": "Nope"})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::GetAtt": ["Bucket", "Nope"]})"), CfnEvalError);
}

TEST_CASE("AWS::NoValue removes properties and list items") {
  CHECK(eval(R"({"a": {"Ref": "AWS::NoValue"}, "b": [1, {"Ref": "AWS::NoValue"}, 2]})") ==
        Json::parse(R"({"b": [1, 2]})"));
  CHECK_THROWS_AS(eval(R"({"Ref": "AWS::NoValue"})"), CfnEvalError);
}

TEST_CASE("Fn::Base64, Fn::Join, Fn::Select, Fn::Split") {
  CHECK(eval(R"({"Fn::Base64": "hello"})") == "aGVsbG8=");
  CHECK(eval(R"({"Fn::Base64": {"Fn::Join": ["", ["a", {"Ref": "Env"}]]}})") == base64_encode("aprod"));
  CHECK(eval(R"({"Fn::Join": [",", {"Ref": "Subnets"}]})") == "subnet-1,subnet-2");
  CHECK(eval(R"({"Fn::Join": ["-", []]})") == "");
  CHECK(eval(R"({"Fn::Select": ["1", {"Ref": "Subnets"}]})") == "subnet-2");
  CHECK(eval(R"({"Fn::Select": [0, ["x", "y"]]})") == "x");
  CHECK_THROWS_AS(eval(R"({"Fn::Select": [2, ["x", "y"]]})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::Select": [-1, ["x", "y"]]})"), CfnEvalError);
  CHECK(eval(R"({"Fn::Split": [",", "a,,b"]})") == Json::array({"a", "", "b"}));
  CHECK(eval(R"({"Fn::Select": [2, {"Fn::Split": ["::", "x::y::z"]}]})") == "z");
  CHECK_THROWS_AS(eval(R"({"Fn::Join": [",", ["a", 1]]})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::Join": [","]})"), CfnEvalError);
}

TEST_CASE("Fn::Sub substitutes names, attributes and pseudo parameters") {
  CHECK(sub("${Env}-${AWS::Region}-${Bucket}") == "prod-eu-west-1-my-bucket");
  CHECK(sub("${Bucket.Arn}/${Db.Endpoint.Address}") == "arn:aws:s3:::my-bucket/db.example.com");
  CHECK(sub("no variables at all") == "no variables at all");
  CHECK(eval(R"({"Fn::Sub": ["${A}-${Env}-${B}", {"A": "x", "B": {"Ref": "Size"}}]})") == "x-prod-3");
  CHECK(eval(R"({"Fn::Sub": ["${Env}", {"Env": "shadowed"}]})") == "shadowed");
}

TEST_CASE("Fn::Sub escapes and literal text") {
  CHECK(sub("${!Literal}") == "${Literal}");
  CHECK(sub("${!!x}") == "${!x}");
  CHECK(sub("a ${!} b") == "a ${} b");
  CHECK(sub("${!x:-default} and ${!#arr[@]}") == "${x:-default} and ${#arr[@]}");
  CHECK(sub("${!a\nb}") == "${a\nb}");
  CHECK(sub("$x $ {x} $$ }{ $") == "$x $ {x} $$ }{ $");
  CHECK(sub("tail ${ never closed") == "tail ${ never closed");
  CHECK(sub("tail ${!also never closed") == "tail ${!also never closed");
  CHECK(sub("${Env} then ${") == "prod then ${");
  CHECK(sub("$${Env}") == "$prod");
}

TEST_CASE("Fn::Sub rejects what CloudFormation rejects") {
  CHECK_THROWS_AS(sub("${}"), CfnEvalError);
  CHECK_THROWS_AS(sub("${x:-d}"), CfnEvalError);
  CHECK_THROWS_AS(sub("${ Env }"), CfnEvalError);
  CHECK_THROWS_AS(sub("${Unknown}"), CfnEvalError);
  CHECK_THROWS_AS(sub("${a ${Env}"), CfnEvalError);
  CHECK_THROWS_AS(sub("${Subnets}"), CfnEvalError);
}

TEST_CASE("Fn::If and conditions") {
  CHECK(eval(R"({"Fn::If": ["IsProd", "big", "small"]})") == "big");
  CHECK(eval(R"({"Fn::If": ["IsDev", "big", "small"]})") == "small");
  CHECK(eval(R"({"x": {"Fn::If": ["IsDev", 1, {"Ref": "AWS::NoValue"}]}})") == Json::object());
  CHECK(infrac::test::condition_value("Both", sample_context()));
  CHECK(infrac::test::condition_value("Either", sample_context()));
  CHECK(infrac::test::evaluate_condition(Json::parse(R"({"Fn::Equals": ["3", {"Ref": "Size"}]})"),
                                         sample_context()));
  CHECK_FALSE(infrac::test::evaluate_condition(Json::parse(R"({"Fn::Or": [{"Fn::Equals": ["a", "b"]},
                                               {"Condition": "IsDev"}]})"), sample_context()));
  CHECK_THROWS_AS(infrac::test::condition_value("Loop", sample_context()), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::If": ["Missing", 1, 2]})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::Equals": ["a", "a"]})"), CfnEvalError);

  CfnContext fixed = sample_context();
  fixed.condition_values["IsProd"] = false;
  CHECK(evaluate(Json::parse(R"({"Fn::If": ["IsDev", "dev", "prod"]})"), fixed) == "dev");
}

TEST_CASE("Fn::FindInMap, Fn::GetAZs, Fn::ImportValue, Fn::Cidr") {
  CHECK(eval(R"({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]})") == "ami-456");
  CHECK_THROWS_AS(eval(R"({"Fn::FindInMap": ["RegionMap", "us-east-1", "Ami"]})"), CfnEvalError);
  CHECK(eval(R"({"Fn::GetAZs": ""})") == Json::array({"eu-west-1a", "eu-west-1b", "eu-west-1c"}));
  CHECK(eval(R"({"Fn::Select": [0, {"Fn::GetAZs": "us-east-1"}]})") == "us-east-1a");
  CHECK(eval(R"({"Fn::ImportValue": {"Fn::Sub": "shared-VpcId"}})") == "vpc-123");
  CHECK_THROWS_AS(eval(R"({"Fn::ImportValue": "nope"})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::Cidr": ["10.0.0.0/16", 2, 8]})"), CfnEvalError);
  CHECK_THROWS_AS(eval(R"({"Fn::Transmogrify": 1})"), CfnEvalError);
}

TEST_CASE("context_for_template takes Mappings and Conditions") {
  Json body = Json::parse(R"({"Mappings": {"M": {"k": {"v": "found"}}},
                              "Conditions": {"Always": {"Fn::Equals": ["x", "x"]}}})");
  CfnContext context = infrac::test::context_for_template(body);
  CHECK(evaluate(Json::parse(R"({"Fn::FindInMap": ["M", "k", "v"]})"), context) == "found");
  CHECK(evaluate(Json::parse(R"({"Fn::If": ["Always", "yes", "no"]})"), context) == "yes");
}
