// The signer end to end: libcurl's CURLOPT_AWS_SIGV4 signs, the proxy checks
// every request with botocore's signer before moto sees it (tests/aws/emulator.py).
#include <doctest/doctest.h>

#include <memory>

#include "aws/client.hpp"
#include "aws/cloudformation.hpp"
#include "aws/curl_transport.hpp"
#include "aws/fleet_services.hpp"
#include "aws/sts.hpp"
#include "support/emulator.hpp"

using namespace infrac;
using namespace infrac::aws;

namespace {

// Every request the proxy saw had a good signature.
bool all_signatures_verified(const test::Emulator& emulator) {
  std::string log = emulator.log();
  size_t total = 0, good = 0;
  for (size_t at = log.find("\"signature\": \""); at != std::string::npos; at = log.find("\"signature\": \"", at + 1)) {
    ++total;
    good += log.compare(at, 17, "\"signature\": \"ok\"") == 0;
  }
  return total > 0 && total == good;
}

AwsClient client_for(const test::Emulator& emulator, Credentials creds) {
  ClientConfig config;
  config.region = "us-east-1";
  config.endpoint_url = emulator.url();
  return AwsClient(config, std::make_shared<CurlTransport>(), real_runtime(),
                   [creds]() -> Outcome<Credentials> { return creds; }, nullptr);
}

}  // namespace

TEST_CASE("requests signed by libcurl pass botocore's SigV4 verification") {
  test::Emulator emulator;
  REQUIRE(emulator.ok());
  AwsClient client = client_for(emulator, {test::kTestKeyId, test::kTestSecret, "", std::nullopt, "test"});

  SUBCASE("long-term keys, a Query call with characters that need encoding") {
    auto stack = aws::cfn::describe_stack(client, "no-such stack/é");
    REQUIRE_MESSAGE(stack.ok(), stack.error().describe());
    CHECK_FALSE(stack->has_value());
    auto identity = get_caller_identity(client);
    REQUIRE_MESSAGE(identity.ok(), identity.error().describe());
    CHECK_FALSE(identity->account.empty());
    CHECK(all_signatures_verified(emulator));
  }
  SUBCASE("a session token is sent and signed") {
    auto assumed = assume_role(client, {"arn:aws:iam::123456789012:role/deployer", "infrac-test", "", "", 0});
    REQUIRE_MESSAGE(assumed.ok(), assumed.error().describe());
    AwsClient session = client_for(emulator, *assumed);
    auto identity = get_caller_identity(session);
    REQUIRE_MESSAGE(identity.ok(), identity.error().describe());
    CHECK(emulator.log().find("\"security_token\": true") != std::string::npos);
    CHECK(all_signatures_verified(emulator));
  }
  SUBCASE("an S3 PutObject") {
    auto r = client.rest(kS3, "PUT", "infrac-templates", "", "");  // CreateBucket: PUT /bucket
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    auto url = put_object(client, "infrac-templates", "app/template 1.json", std::string(60000, 'x'));
    REQUIRE_MESSAGE(url.ok(), url.error().describe());
    CHECK(all_signatures_verified(emulator));
  }
  SUBCASE("a wrong secret is refused by the proxy, as AWS would") {
    AwsClient wrong = client_for(emulator, {test::kTestKeyId, "not-the-secret", "", std::nullopt, "test"});
    auto stack = aws::cfn::describe_stack(wrong, "x");
    REQUIRE_FALSE(stack.ok());
    CHECK(stack.error().code == "SignatureDoesNotMatch");
  }
}
