// A secret never reaches the progress a deploy prints: a NoEcho value that AWS echoes
// back in a stack event's reason or an error message is masked on every sink, the human
// lines on stderr included, not only in --debug traces and the JSON report.
#include <doctest/doctest.h>

#include <memory>
#include <sstream>

#include "aws/client.hpp"
#include "deploy/deploy.hpp"
#include "tests/unit/aws/fake_transport.hpp"

using namespace infrac;
using namespace infrac::deploy;
using infrac::aws::testing::ScriptedTransport;

namespace {

const std::string kSecret = "hunter2-noecho-value";
const std::string kMasked(kSecret.size(), '*');  // the one rule: each byte a `*` (cfn/secret_values.hpp)

std::string action_of(const aws::HttpRequest& r) {
  auto at = r.body.find("Action=");
  if (at == std::string::npos) return "";
  at += 7;
  return r.body.substr(at, r.body.find('&', at) - at);
}

std::string answer(const std::string& action, const std::string& result) {
  return "<" + action + "Response><" + action + "Result>" + result + "</" + action + "Result></" + action + "Response>";
}

// AWS as far as a first deploy that fails goes: the stack does not exist, CreateStack is
// accepted, a resource fails with a reason that quotes the NoEcho value, the stack rolls back.
aws::TransportResult fake_aws(const aws::HttpRequest& r, int& stack_reads, const std::string& secret) {
  std::string action = action_of(r);
  const std::string stack = "<StackId>arn:aws:cloudformation:us-east-1:1:stack/app/1</StackId><StackName>app</StackName>";
  if (action == "DescribeStacks" && stack_reads++ == 0)
    return ScriptedTransport::reply(400, "<ErrorResponse><Error><Code>ValidationError</Code><Message>Stack with id app "
                                         "does not exist</Message></Error></ErrorResponse>");
  if (action == "DescribeStacks")
    return ScriptedTransport::reply(200, answer(action, "<Stacks><member>" + stack +
                                                            "<StackStatus>ROLLBACK_COMPLETE</StackStatus><StackStatusReason>"
                                                            "value " + secret + " refused</StackStatusReason></member></Stacks>"));
  if (action == "ValidateTemplate") return ScriptedTransport::reply(200, answer(action, ""));
  if (action == "CreateStack") return ScriptedTransport::reply(200, answer(action, stack));
  if (action == "DescribeStackEvents")
    return ScriptedTransport::reply(
        200, answer(action, "<StackEvents><member><EventId>e1</EventId>" + stack +
                                "<LogicalResourceId>Db</LogicalResourceId><ResourceType>AWS::RDS::DBInstance</ResourceType>"
                                "<ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>The password " + secret +
                                " is too short</ResourceStatusReason></member></StackEvents>"));
  return ScriptedTransport::reply(400, "<ErrorResponse><Error><Code>InvalidAction</Code><Message>" + action +
                                           "</Message></Error></ErrorResponse>");
}

Project project_with_secret() {
  StackArtifacts a;
  a.name = "app";
  a.template_json = Json::parse(R"({
    "Parameters": {"DbPassword": {"Type": "String", "NoEcho": true}},
    "Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"MasterUserPassword": {"Ref": "DbPassword"}}}}})");
  a.template_body = a.template_json.dump();
  a.policy_json = Json::parse(R"({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "Update:*", "Resource": "*"}]})");
  a.policy_body = a.policy_json.dump();
  return Project{{a}};
}

const std::string kSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const std::string kSessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";

// Deploys, printing progress through the sink `make_sink` gives and --debug traces to `trace`.
std::string deploy_printing(const std::function<std::unique_ptr<ProgressSink>(std::ostream&)>& make_sink,
                            std::string* trace = nullptr, const std::string& secret = kSecret) {
  auto transport = std::make_shared<ScriptedTransport>();
  int stack_reads = 0;
  transport->fallback = [&](const aws::HttpRequest& r) { return fake_aws(r, stack_reads, secret); };
  aws::ClientConfig config;
  config.region = "us-east-1";
  aws::Runtime runtime = aws::fake_runtime({});
  if (trace) runtime.trace = [trace](const std::string& line) { *trace += line + "\n"; };
  aws::AwsClient client(config, transport, runtime, [] {
    return aws::Outcome<aws::Credentials>(aws::Credentials{"AKID", kSecretKey, kSessionToken, std::nullopt, "test"});
  }, nullptr);
  DeployOptions options;
  options.params["app"]["DbPassword"] = secret;
  std::ostringstream out;
  auto sink = make_sink(out);
  DeployReport report = deploy_project(client, project_with_secret(), options, *sink,
                                       [](const std::string&, const std::string&) { return true; });
  REQUIRE(report.stacks.size() == 1);
  CHECK(report.stacks[0].status == "ROLLBACK_COMPLETE");
  return out.str();
}

}  // namespace

TEST_CASE("progress: a NoEcho value AWS echoes back is masked in the human lines and the JSON lines") {
  std::string text = deploy_printing([](std::ostream& out) { return text_sink(out, false); });
  CHECK(text.find("Db (AWS::RDS::DBInstance) CREATE_FAILED: The password " + kMasked + " is too short") != std::string::npos);
  CHECK(text.find(kSecret) == std::string::npos);
  std::string lines = deploy_printing([](std::ostream& out) { return json_lines_sink(out); });
  CHECK(lines.find("The password " + kMasked + " is too short") != std::string::npos);
  CHECK(lines.find(kSecret) == std::string::npos);
}

TEST_CASE("--debug: the traces of a deploy show no NoEcho value, secret key or session token") {
  std::string trace;
  deploy_printing([](std::ostream& out) { return text_sink(out, false); }, &trace);
  // CreateStack sends the value, and AWS's answers echo it: both are traced, masked.
  CHECK(trace.find("-> CreateStack POST") != std::string::npos);
  CHECK(trace.find("ParameterValue=" + kMasked + "&") != std::string::npos);
  CHECK(trace.find("The password " + kMasked + " is too short") != std::string::npos);
  for (const std::string& secret : {kSecret, kSecretKey, kSessionToken}) CHECK(trace.find(secret) == std::string::npos);
}

TEST_CASE("a NoEcho value of three characters is masked like any other, in progress, JSON lines and --debug") {
  // The one rule (cfn/secret_values.hpp) has no shortest secret: a short value is a value too.
  const std::string secret = "Zq9";
  std::string trace;
  std::string text = deploy_printing([](std::ostream& out) { return text_sink(out, false); }, &trace, secret);
  CHECK(text.find("Db (AWS::RDS::DBInstance) CREATE_FAILED: The password *** is too short") != std::string::npos);
  CHECK(text.find(secret) == std::string::npos);
  std::string lines = deploy_printing([](std::ostream& out) { return json_lines_sink(out); }, nullptr, secret);
  CHECK(lines.find("The password *** is too short") != std::string::npos);
  CHECK(lines.find(secret) == std::string::npos);
  CHECK(trace.find("ParameterValue=***&") != std::string::npos);
  CHECK(trace.find(secret) == std::string::npos);
}
