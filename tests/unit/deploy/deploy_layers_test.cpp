// The deploy step's pure parts: "no changes" recognition, stack names, the
// during-update policy of --allow-update, --params files, the outputs files, and the
// rebuild's comparison of a change set with the rebuild proof.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "cfn/rebuild_proof.hpp"
#include "deploy/allowances.hpp"
#include "deploy/outputs.hpp"
#include "deploy/params_file.hpp"
#include "deploy/rebuild.hpp"
#include "deploy/waiter.hpp"

using namespace infrac;
using namespace infrac::deploy;

TEST_CASE("no changes: one function, every phrasing AWS has used, nothing else") {
  CHECK(is_no_changes("FAILED", "The submitted information didn't contain changes. Submit different information to create a change set."));
  CHECK(is_no_changes("FAILED", "The submitted information does not contain changes."));
  CHECK(is_no_changes("", "No updates are to be performed."));
  CHECK_FALSE(is_no_changes("FAILED", "Template format error: unsupported structure."));
  CHECK_FALSE(is_no_changes("CREATE_COMPLETE", "No updates are to be performed."));
  CHECK_FALSE(is_no_changes("FAILED", "Error: No updates are to be performed."));
}

TEST_CASE("stack names: {stack} and {env}, CloudFormation's rules, 128 characters") {
  std::string problem;
  CHECK(stack_aws_name("{stack}", "app", "", problem) == "app");
  CHECK(stack_aws_name("{stack}-{env}", "app", "prod", problem) == "app-prod");
  CHECK(problem.empty());
  CHECK(stack_aws_name("{stack}-{env}", "app", "", problem).empty());
  CHECK(problem == "--name-format uses {env} but no --env was given");
  problem.clear();
  CHECK(stack_aws_name("{stack}_{env}", "app", "prod", problem).empty());
  CHECK(problem.find("not a valid CloudFormation stack name") != std::string::npos);
  problem.clear();
  CHECK(stack_aws_name(std::string(125, 'a') + "-{env}", "app", "prod", problem).empty());
  CHECK(problem.find("CloudFormation allows 128") != std::string::npos);
}

TEST_CASE("--allow-update: Denies narrowed to the template's other resources, one Allow, nothing else widened") {
  Json policy = Json::parse(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "Update:Modify", "Resource": ["LogicalResourceId/AppGroup"]},
    {"Effect": "Deny", "Principal": "*", "Action": ["Update:Replace", "Update:Delete"], "Resource": ["LogicalResourceId/Net*"]},
    {"Effect": "Deny", "Principal": "*", "Action": "Update:*", "Resource": "LogicalResourceId/Db"}]})");
  Json tmpl = Json::parse(R"({"Resources": {"NetVpc": {}, "NetSubnetA": {}, "NetSubnetB": {}, "AppGroup": {}, "Db": {}}})");
  Json during = policy_with_allowances(policy, tmpl, {"NetSubnetA"});
  Json expected = Json::parse(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "Update:Modify", "Resource": ["LogicalResourceId/AppGroup"]},
    {"Effect": "Deny", "Principal": "*", "Action": ["Update:Replace", "Update:Delete"],
     "Resource": ["LogicalResourceId/NetVpc", "LogicalResourceId/NetSubnetB"]},
    {"Effect": "Deny", "Principal": "*", "Action": "Update:*", "Resource": "LogicalResourceId/Db"},
    {"Effect": "Allow", "Principal": "*", "Action": "Update:*", "Resource": ["LogicalResourceId/NetSubnetA"]}]})");
  CHECK(during == expected);
  // A Deny that covered only the allowed resource goes.
  Json only_db = policy_with_allowances(policy, tmpl, {"Db"});
  CHECK(only_db["Statement"].size() == 3);
  CHECK(only_db["Statement"][2]["Resource"] == Json::array({"LogicalResourceId/Db"}));
  CHECK(policy_pattern_matches("LogicalResourceId/Net*", "NetVpc"));
  CHECK_FALSE(policy_pattern_matches("LogicalResourceId/Net*", "AppNet"));
  CHECK(same_policy(R"({"Statement": [{"Effect": "Allow", "Action": "Update:*"}]})",
                    R"({"Statement":[{"Action":"Update:*","Effect":"Allow"}]})"));
  CHECK_FALSE(same_policy("", R"({"Statement": []})"));
}

TEST_CASE("--params: JSON and YAML to the same values, and mistakes named with the file") {
  auto json = parse_params_file("p.json", R"({"app": {"DesiredCapacity": 3, "Subnets": ["a", "b"], "Name": "x"}})");
  auto yaml = parse_params_file("p.yml", "app:\n  DesiredCapacity: 3\n  Subnets: [a, b]\n  Name: x\n");
  REQUIRE(json.index() == 0);
  REQUIRE(yaml.index() == 0);
  CHECK(std::get<0>(json) == std::get<0>(yaml));
  CHECK(std::get<0>(json).at("app").at("Subnets") == "a,b");
  auto bad = parse_params_file("p.yml", "app: [1, 2]\n");
  REQUIRE(bad.index() == 1);
  CHECK(std::get<1>(bad) == "p.yml: error: `app` must map parameter names to values");
  auto broken = parse_params_file("p.yaml", "app: {a: [\n");
  REQUIRE(broken.index() == 1);
  CHECK(std::get<1>(broken).rfind("p.yaml:", 0) == 0);
  auto nested = parse_params_file("p.json", R"({"app": {"X": {"y": 1}}})");
  REQUIRE(nested.index() == 1);
  CHECK(std::get<1>(nested).find("`app.X`") != std::string::npos);
}

TEST_CASE("outputs: a JSON file per stack and the Ansible variables file, sorted and quoted") {
  DeployReport report;
  StackResult net;
  net.kind = StackResult::Kind::Deployed;
  net.stack = "data-store";
  net.outputs = {{"VpcId", "vpc-1", "", ""}, {"Url", "http://x/\"y\"", "", ""}};
  StackResult failed;
  failed.kind = StackResult::Kind::Failed;
  failed.stack = "app";
  report.stacks = {net, failed};
  auto files = render_outputs(report);
  REQUIRE(files.size() == 2);
  CHECK(files[0].name == "data-store.outputs.json");
  CHECK(files[0].contents == "{\n  \"Url\": \"http://x/\\\"y\\\"\",\n  \"VpcId\": \"vpc-1\"\n}\n");
  CHECK(files[1].name == "infrac.outputs.yml");
  CHECK(files[1].contents.find("data_store_stack:\n  Url: \"http://x/\\\"y\\\"\"\n  VpcId: \"vpc-1\"\n") != std::string::npos);
  CHECK(files[1].contents.find("app_stack") == std::string::npos);
}

TEST_CASE("rebuild: a change set within the proof passes, and anything beyond it is refused with the change set") {
  Json tmpl = Json::parse(R"({
    "Parameters": {"RebuildTimestamp": {"Type": "String"}},
    "Resources": {
      "Template": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"UserData": {"Fn::Base64": {"Ref": "RebuildTimestamp"}}}}},
      "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 7}}}})");
  Json policy = Json::parse(R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "Update:Modify", "Resource": "LogicalResourceId/Template"}]})");
  cfn::RebuildProof proof = cfn::prove_rebuild(tmpl, policy, nullptr, "RebuildTimestamp");
  cfn::StackPolicy parsed = cfn::parse_stack_policy(policy);
  aws::cfn::ChangeSet within;
  within.changes = {{"Modify", "Template", "lt-1", "AWS::EC2::LaunchTemplate", "False", {"Properties"}, {}}};
  CHECK(check_within_proof(within, proof, parsed) == "");
  aws::cfn::ChangeSet beyond = within;
  beyond.changes.push_back({"Modify", "Logs", "logs", "AWS::Logs::LogGroup", "False", {"Properties"}, {}});
  std::string refusal = check_within_proof(beyond, proof, parsed);
  CHECK(refusal.find("Logs (AWS::Logs::LogGroup) is not predicted to change by a change of RebuildTimestamp") != std::string::npos);
  CHECK(refusal.find("the stack policy does not allow Update:Modify on Logs") != std::string::npos);
  CHECK(refusal.find("~ Logs") != std::string::npos);
  aws::cfn::ChangeSet added;
  added.changes = {{"Add", "Extra", "", "AWS::SQS::Queue", "", {}, {}}};
  CHECK(check_within_proof(added, proof, parsed).find("Add is not something a rebuild does") != std::string::npos);
}

TEST_CASE("--params: read by the one document loader, with its checks and limits") {
  // A duplicate key is reported (keeping one of the two would deploy a value nobody reviewed).
  auto duplicate = parse_params_file("p.yml", "app:\n  Name: x\n  Name: y\n");
  REQUIRE(duplicate.index() == 1);
  CHECK(std::get<1>(duplicate).rfind("p.yml:3:3: error: ", 0) == 0);
  CHECK(std::get<1>(duplicate).find("Name") != std::string::npos);
  // Aliases that expand without end are refused, not expanded.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c)
    bomb += fmt::format("{}: &{} [*{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}, *{}]\n", c, c, char(c - 1), char(c - 1), char(c - 1),
                        char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1), char(c - 1));
  auto refused = parse_params_file("bomb.yml", bomb);
  REQUIRE(refused.index() == 1);
  CHECK(std::get<1>(refused).rfind("bomb.yml:", 0) == 0);
}
