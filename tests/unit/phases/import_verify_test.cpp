// import/verify: the round trip refuses a compiled stack whose policy decides differently,
// resource by resource, from the input's (the check the policy_conditions case relies on).
#include <doctest/doctest.h>

#include <algorithm>

#include "import/import.hpp"
#include "import/verify.hpp"

using namespace infrac;

TEST_CASE("import verify: a policy that decides an update differently is a difference") {
  Json t = Json::parse(R"({"Resources": {
    "Db": {"Type": "AWS::SQS::Queue"},
    "Logs": {"Type": "AWS::Logs::LogGroup"}}})");
  Json policy = Json::parse(R"({"Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "Update:*", "Resource": "*"},
    {"Effect": "Deny", "Principal": "*", "Action": "Update:Replace", "Resource": ["LogicalResourceId/Db", "LogicalResourceId/Logs"],
     "Condition": {"StringEquals": {"ResourceType": ["AWS::SQS::Queue"]}}}]})");
  importer::Imported imported = importer::import_template(t, policy);
  REQUIRE(imported.problems.empty());
  CHECK(imported.source.find("deny replace Db\n") != std::string::npos);
  CHECK(importer::verify_import(imported, "stack.infra", t, policy, false).equal());

  // The same source against a policy that also denies replacing Logs: by statements and by verdict.
  Json stricter = policy;
  stricter["Statement"][1]["Condition"]["StringEquals"]["ResourceType"].push_back("AWS::Logs::LogGroup");
  importer::Verification v = importer::verify_import(imported, "stack.infra", t, stricter, false);
  REQUIRE(v.compiled());
  CHECK_FALSE(v.equal());
  bool verdict = std::any_of(v.differences.begin(), v.differences.end(), [](const importer::Difference& d) {
    return d.where == "policy: Update:Replace of Logs" && d.expected == "denied" && d.actual == "allowed";
  });
  CHECK(verdict);
}
