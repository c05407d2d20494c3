// The credential chain with fixture files and a scripted network: each provider in
// the AWS CLI's order, half-configured credentials as errors, and a "nothing found"
// error that lists every provider's reason.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <memory>

#include "aws/credentials.hpp"
#include "aws/redact.hpp"
#include "fake_transport.hpp"
#include "support/temp_dir.hpp"

using namespace infrac::aws;
using testing::ScriptedTransport;

namespace {

const char* kAssumed =
    "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE</AccessKeyId>"
    "<SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken>"
    "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";

struct Fixture {
  infrac::test::TempDir home;
  std::map<std::string, std::string> env{{"HOME", home.path().string()}, {"AWS_EC2_METADATA_DISABLED", "true"}};
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  std::string profile;

  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories(home.path() / ".aws");
    std::ofstream(home.path() / ".aws" / name) << text;
  }
  Outcome<Credentials> resolve() {
    CredentialContext c{fake_runtime(env), transport, std::make_shared<Redactor>(), profile, "us-east-1", ""};
    return resolve_chain(default_chain(c));
  }
};

}  // namespace

TEST_CASE("environment variables, with a session token") {
  Fixture f;
  f.env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  f.env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  f.env["AWS_SESSION_TOKEN"] = "env-token";
  f.write("credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
  auto c = f.resolve();
  REQUIRE(c.ok());
  CHECK(c->access_key_id == "AKIAENV");
  CHECK(c->session_token == "env-token");
  CHECK(c->source == "environment");
}

TEST_CASE("a key id without its secret is an error, not a reason to look further") {
  Fixture f;
  f.env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  f.write("credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
  auto c = f.resolve();
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "credentials (environment): AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
}

TEST_CASE("shared credentials file: the default profile, AWS_PROFILE, --profile") {
  Fixture f;
  f.write("credentials",
          "# comment\n[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n\n"
          "[ci]\naws_access_key_id=AKIACI\naws_secret_access_key=ci-secret ; inline comment\naws_session_token = ci-token\n");
  SUBCASE("default") {
    auto c = f.resolve();
    REQUIRE(c.ok());
    CHECK(c->access_key_id == "AKIADEFAULT");
  }
  SUBCASE("AWS_PROFILE") {
    f.env["AWS_PROFILE"] = "ci";
    auto c = f.resolve();
    REQUIRE(c.ok());
    CHECK(c->access_key_id == "AKIACI");
    CHECK(c->secret_access_key == "ci-secret");
    CHECK(c->session_token == "ci-token");
  }
  SUBCASE("--profile wins over the environment's keys") {
    f.env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
    f.env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
    f.profile = "ci";
    auto c = f.resolve();
    REQUIRE(c.ok());
    CHECK(c->access_key_id == "AKIACI");
  }
  SUBCASE("a named profile that exists nowhere") {
    f.profile = "prod";
    auto c = f.resolve();
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find("the profile `prod` is in neither") != std::string::npos);
  }
}

TEST_CASE("config file: keys under [profile NAME], and the region") {
  Fixture f;
  f.write("config", "[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIACONFIG\naws_secret_access_key = config-secret\n"
                    "s3 =\n  max_concurrent_requests = 10\n");
  f.profile = "dev";
  auto c = f.resolve();
  REQUIRE(c.ok());
  CHECK(c->access_key_id == "AKIACONFIG");
  CredentialContext ctx{fake_runtime(f.env), f.transport, nullptr, "dev", "", ""};
  SharedConfig shared = load_shared_config(ctx);
  CHECK(resolve_region("", ctx.runtime, shared) == "eu-west-1");
  CHECK(resolve_region("ap-south-1", ctx.runtime, shared) == "ap-south-1");
  f.env["AWS_REGION"] = "us-west-2";
  CHECK(resolve_region("", fake_runtime(f.env), shared) == "us-west-2");
}

TEST_CASE("role_arn with source_profile: STS AssumeRole signed with the source's keys") {
  Fixture f;
  f.write("credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
  f.write("config", "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\n"
                    "role_session_name = nightly\nexternal_id = ext-1\n");
  f.profile = "deploy";
  f.transport->answers = {ScriptedTransport::reply(200, kAssumed)};
  auto c = f.resolve();
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  CHECK(c->access_key_id == "ASIAROLE");
  CHECK(c->session_token == "role-token");
  REQUIRE(c->expiration.has_value());
  REQUIRE(f.transport->sent.size() == 1);
  const HttpRequest& sent = f.transport->sent[0];
  REQUIRE(sent.signing.has_value());
  CHECK(sent.signing->credentials.access_key_id == "AKIABASE");
  CHECK(sent.signing->service == "sts");
  CHECK(sent.body.find("Action=AssumeRole&") != std::string::npos);
  CHECK(sent.body.find("RoleSessionName=nightly") != std::string::npos);
  CHECK(sent.body.find("ExternalId=ext-1") != std::string::npos);
}

TEST_CASE("a role without a source is an error") {
  Fixture f;
  f.write("config", "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\n");
  f.profile = "deploy";
  auto c = f.resolve();
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("has role_arn `arn:aws:iam::123456789012:role/deployer` but no source_profile") != std::string::npos);
}

TEST_CASE("web identity: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, unsigned AssumeRoleWithWebIdentity") {
  Fixture f;
  std::ofstream(f.home.path() / "token") << "eyJ.oidc.token\n";
  f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = (f.home.path() / "token").string();
  f.env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/ci";
  std::string answer = kAssumed;
  answer.replace(answer.find("<AssumeRoleResponse><AssumeRoleResult>"), 38, "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>");
  answer.replace(answer.find("</AssumeRoleResult></AssumeRoleResponse>"), 40, "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>");
  f.transport->answers = {ScriptedTransport::reply(200, answer)};
  auto c = f.resolve();
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  CHECK(c->access_key_id == "ASIAROLE");
  REQUIRE(f.transport->sent.size() == 1);
  CHECK_FALSE(f.transport->sent[0].signing.has_value());
  CHECK(f.transport->sent[0].body.find("WebIdentityToken=eyJ.oidc.token") != std::string::npos);
}

TEST_CASE("web identity half configured") {
  Fixture f;
  f.env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/ci";
  auto c = f.resolve();
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message == "credentials (web identity): AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not");
}

TEST_CASE("web identity: a token file that is not a small regular file is refused, not read") {
  Fixture f;
  std::ofstream(f.home.path() / "token") << std::string((1u << 20) + 1, 'x');
  f.env["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/ci";
  for (std::string path : {(f.home.path() / "token").string(), std::string("/dev/zero")}) {
    f.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = path;
    auto c = f.resolve();
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == "credentials (web identity): cannot read the web identity token file " + path);
    CHECK(f.transport->sent.empty());
  }
}

TEST_CASE("credential_process: the command's JSON") {
  Fixture f;
  f.write("config", "[default]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROC\", "
                    "\"SecretAccessKey\": \"proc-secret\", \"SessionToken\": \"proc-token\", \"Expiration\": \"2030-01-01T00:00:00Z\"}'\n");
  auto c = f.resolve();
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  CHECK(c->access_key_id == "AKIAPROC");
  CHECK(c->session_token == "proc-token");
  SUBCASE("a failing command is an error") {
    f.write("config", "[default]\ncredential_process = false\n");
    auto failed = f.resolve();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.find("credential_process of profile default failed") != std::string::npos);
  }
}

TEST_CASE("ECS container credentials, with the authorization token") {
  Fixture f;
  f.env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1:1/creds";
  f.env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-auth";
  f.transport->answers = {ScriptedTransport::reply(
      200, R"({"AccessKeyId": "ASIAECS", "SecretAccessKey": "ecs-secret", "Token": "ecs-token", "Expiration": "2030-01-01T00:00:00Z"})")};
  auto c = f.resolve();
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  CHECK(c->access_key_id == "ASIAECS");
  REQUIRE(f.transport->sent.size() == 1);
  CHECK(f.transport->sent[0].url == "http://127.0.0.1:1/creds");
  CHECK(f.transport->sent[0].headers.at(0).second == "container-auth");
}

TEST_CASE("EC2 instance metadata, IMDSv2, at an injected endpoint") {
  Fixture f;
  f.env.erase("AWS_EC2_METADATA_DISABLED");
  f.env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9/";
  f.transport->answers = {
      ScriptedTransport::reply(200, "imds-session-token"), ScriptedTransport::reply(200, "web-role\n"),
      ScriptedTransport::reply(200, R"({"Code": "Success", "AccessKeyId": "ASIAIMDS", "SecretAccessKey": "imds-secret", "Token": "imds-token", "Expiration": "2030-01-01T00:00:00Z"})")};
  auto c = f.resolve();
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  CHECK(c->access_key_id == "ASIAIMDS");
  REQUIRE(f.transport->sent.size() == 3);
  CHECK(f.transport->sent[0].method == "PUT");
  CHECK(f.transport->sent[0].url == "http://127.0.0.1:9/latest/api/token");
  CHECK(f.transport->sent[2].url == "http://127.0.0.1:9/latest/meta-data/iam/security-credentials/web-role");
  for (const auto& r : f.transport->sent) CHECK(r.url.find("169.254.169.254") == std::string::npos);
}

TEST_CASE("nothing found: every provider's reason, in order") {
  Fixture f;
  auto c = f.resolve();
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().kind == AwsError::Kind::Credentials);
  std::string m = c.error().message;
  CHECK(m.rfind("no AWS credentials found; where infrac looked:", 0) == 0);
  const char* order[] = {"environment: AWS_ACCESS_KEY_ID is not set", "assume role:", "web identity:", "shared credentials file:",
                         "credential_process:", "config file:", "container (ECS):",
                         "instance metadata (IMDSv2): AWS_EC2_METADATA_DISABLED is true"};
  size_t at = 0;
  for (const char* part : order) {
    size_t found = m.find(part, at);
    CHECK_MESSAGE(found != std::string::npos, part);
    if (found != std::string::npos) at = found;
  }
  CHECK(f.transport->sent.empty());
}

TEST_CASE("cached credentials refresh in two windows before they expire") {
  using namespace std::chrono_literals;
  Runtime runtime = fake_runtime({}, std::chrono::system_clock::time_point{} + 1000h);
  int calls = 0;
  bool fail = false;
  auto inner = [&]() -> Outcome<Credentials> {
    ++calls;
    if (fail) return AwsError{AwsError::Kind::Credentials, "Down", "refresh failed", 0, ""};
    return Credentials{"K" + std::to_string(calls), "S", "T", runtime.now() + 60min, "test"};
  };
  CredentialSource source = cached(inner, runtime);
  CHECK(source()->access_key_id == "K1");
  runtime.sleep(40min);  // 20 minutes left: cached
  CHECK(source()->access_key_id == "K1");
  runtime.sleep(8min);  // 12 left: advisory refresh; its failure is ignored
  fail = true;
  CHECK(source()->access_key_id == "K1");
  runtime.sleep(4min);  // 8 left: mandatory refresh, its failure is the answer
  CHECK_FALSE(source().ok());
  fail = false;
  CHECK(source()->access_key_id == "K4");
}

TEST_CASE("redaction: secrets, tokens, signatures and Authorization headers never printed") {
  Redactor r;
  r.add_secret("my-secret-value");
  std::string text = r.redact(
      "Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=abc\nX-Amz-Security-Token: tok\n"
      "ParameterValue=my-secret-value&X-Amz-Signature=deadbeef <SecretAccessKey>s3cr3t</SecretAccessKey>"
      " {\"Token\": \"imds\"} my%2Dsecret%2Dvalue");
  CHECK(text.find("my-secret-value") == std::string::npos);
  CHECK(text.find("Signature=abc") == std::string::npos);
  CHECK(text.find("tok\n") == std::string::npos);
  CHECK(text.find("deadbeef") == std::string::npos);
  CHECK(text.find("s3cr3t") == std::string::npos);
  CHECK(text.find("imds") == std::string::npos);
  CHECK(text.find("Authorization: ****") != std::string::npos);
}

TEST_CASE("redaction: secrets registered one by one follow the one rule: short ones too, one inside another masked whole") {
  Redactor r;
  r.add_secret("Zq9");
  r.add_secret("Zq9-and-more");  // registered later, masked first: nothing of it is left
  r.add_secret("line one\nline two");
  CHECK(r.redact("a Zq9-and-more b Zq9 c") == "a ************ b *** c");
  CHECK(r.redact("line two") == "********");
  CHECK(r.redact("ParameterValue=Zq9-and-more&") == "ParameterValue=************&");
}

// --debug traces print whole answer bodies, and a deployed template may be one long line:
// the patterns must not recurse once per byte they match (libstdc++'s std::regex does, and
// overflowed the stack on 100 KB after `Token=`).
TEST_CASE("redaction: a secret by its place that runs for a megabyte is masked, not a crash") {
  Redactor r;
  const std::string run(1 << 20, 'a');
  CHECK(r.redact("Token=" + run + "&next") == "Token=****&next");
  CHECK(r.redact("authorization: " + run + "\nnext") == "authorization: ****\nnext");
}

// std::atoi read `duration_seconds = 12abc` as 12, `""` as 0 and 99999999999 as whatever
// the overflow gave, and sent that to STS.
TEST_CASE("duration_seconds is a whole number of seconds STS accepts, read strictly, or the profile is refused") {
  Fixture f;
  f.write("credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
  f.profile = "deploy";
  auto with = [&](const std::string& value) {
    f.write("config", "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = base\n"
                      "duration_seconds = " + value + "\n");
    f.transport->sent.clear();
    f.transport->answers = {ScriptedTransport::reply(200, kAssumed)};
    return f.resolve();
  };
  auto c = with("3600");
  REQUIRE_MESSAGE(c.ok(), c.error().describe());
  REQUIRE(f.transport->sent.size() == 1);
  CHECK(f.transport->sent[0].body.find("DurationSeconds=3600") != std::string::npos);
  for (const char* bad : {"12abc", "99999999999", "-3600", "+3600", "0x100", "3600.5", "899", "43201"}) {
    std::string shown = bad;
    CAPTURE(shown);
    auto refused = with(bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(f.transport->sent.empty());
    CHECK(refused.error().message.find(fmt::format(
              "profile deploy: duration_seconds `{}` is not a whole number of seconds from 900 to 43200", bad)) !=
          std::string::npos);
  }
}
