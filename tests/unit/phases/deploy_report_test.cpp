// `infrac deploy --format json` and the summary on stderr: a registered secret is masked in
// the report however JSON writes it (a `"` or `\` in it is escaped by the writer, so the
// printed text no longer holds the value as the redactor knows it).
#include <doctest/doctest.h>

#include <memory>
#include <sstream>

#include "aws/client.hpp"
#include "cli/deploy_flow.hpp"
#include "tests/unit/aws/fake_transport.hpp"

using namespace infrac;

TEST_CASE("--format json: a NoEcho value with a quote and a backslash is masked in the report and the summary") {
  const std::string secret = R"(pa"ss\wd)";
  const std::string masked(secret.size(), '*');
  PreparedDeploy prepared;
  aws::ClientConfig config;
  config.region = "us-east-1";
  prepared.client = std::make_unique<aws::AwsClient>(
      config, std::make_shared<aws::testing::ScriptedTransport>(), aws::fake_runtime({}),
      [] { return aws::Outcome<aws::Credentials>(aws::Credentials{"AKID", "secret-key", "", std::nullopt, "test"}); }, nullptr);
  prepared.client->redactor().add_secret(secret);  // as the deploy registers a NoEcho value it sends

  deploy::StackResult failed;
  failed.stack = "app";
  failed.kind = deploy::StackResult::Kind::Failed;
  failed.status = "ROLLBACK_COMPLETE";
  failed.message = "value " + secret + " refused";
  failed.failures.push_back({"e1", "", "app", "Db", "", "AWS::RDS::DBInstance", "CREATE_FAILED", "The password " + secret + " is too short", std::nullopt});
  deploy::DeployReport report;
  report.stacks.push_back(failed);

  DeployFlags flags;
  flags.format = "json";
  std::ostringstream out, err;
  CliEnvironment env;
  CommandIo io{out, err, env};
  CHECK(finish_deploy(flags, prepared, report, io, Json{{"note", "echoed " + secret}}) == kExitAwsFailed);
  INFO(out.str() << err.str());
  Json doc = Json::parse(out.str());
  CHECK(doc["stacks"][0]["message"] == "value " + masked + " refused");
  CHECK(doc["stacks"][0]["failures"][0]["reason"] == "The password " + masked + " is too short");
  CHECK(doc["note"] == "echoed " + masked);
  CHECK(out.str().find(R"(pa\"ss\\wd)") == std::string::npos);
  CHECK(err.str().find(secret) == std::string::npos);
  CHECK(err.str().find("Db (AWS::RDS::DBInstance) CREATE_FAILED: The password " + masked + " is too short") != std::string::npos);
}
