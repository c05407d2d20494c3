// Retries: which errors, how long between tries (full jitter from an injected random
// source, capped), how many, and the budget, on a scripted transport and a fake clock.
#include <doctest/doctest.h>

#include <memory>

#include "aws/client.hpp"
#include "aws/cloudformation.hpp"
#include "aws/fleet_services.hpp"
#include "fake_transport.hpp"

using namespace infrac::aws;
using testing::ScriptedTransport;
using namespace std::chrono_literals;

namespace {

const char* kThrottled = "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>";
const char* kOk = "<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>";

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport = std::make_shared<ScriptedTransport>();
  Runtime runtime = fake_runtime({}, {}, 0.5);
  RetryPolicy policy;
  int max_pages = ClientConfig{}.max_pages;
  AwsClient client() {
    ClientConfig config;
    config.region = "us-east-1";
    config.retry = policy;
    config.max_pages = max_pages;
    return AwsClient(config, transport, runtime,
                     []() -> Outcome<Credentials> { return Credentials{"AKID", "SECRET", "", std::nullopt, "test"}; }, nullptr);
  }
};

}  // namespace

TEST_CASE("backoff: full jitter under an exponential ceiling, capped") {
  RetryPolicy p;
  p.base = 500ms;
  p.cap = 4000ms;
  CHECK(backoff_delay(p, 1, 0.5) == 250ms);
  CHECK(backoff_delay(p, 2, 0.5) == 500ms);
  CHECK(backoff_delay(p, 3, 1.0) == 2000ms);
  CHECK(backoff_delay(p, 4, 1.0) == 4000ms);
  CHECK(backoff_delay(p, 30, 1.0) == 4000ms);
  CHECK(backoff_delay(p, 3, 0.0) == 0ms);
}

TEST_CASE("which errors are retried") {
  AwsError throttled{AwsError::Kind::Service, "Throttling", "Rate exceeded", 400, ""};
  AwsError server{AwsError::Kind::Service, "InternalFailure", "", 500, ""};
  AwsError gateway{AwsError::Kind::Service, "HttpError", "", 502, ""};
  AwsError dropped{AwsError::Kind::Transport, "ConnectionError", "reset", 0, ""};
  AwsError validation{AwsError::Kind::Service, "ValidationError", "bad", 400, ""};
  AwsError denied{AwsError::Kind::Service, "AccessDenied", "no", 403, ""};
  AwsError garbled{AwsError::Kind::Protocol, "InvalidAnswer", "html", 200, ""};
  CHECK(is_retryable(throttled));
  CHECK(is_throttling(throttled));
  CHECK(is_retryable(server));
  CHECK(is_retryable(gateway));
  CHECK(is_retryable(dropped));
  CHECK_FALSE(is_retryable(validation));
  CHECK_FALSE(is_retryable(denied));
  CHECK_FALSE(is_retryable(garbled));
}

TEST_CASE("throttling, a 500 and a dropped connection are retried until an answer") {
  Fixture f;
  f.transport->answers = {ScriptedTransport::reply(400, kThrottled), ScriptedTransport::reply(500, "<html>oops</html>"),
                          ScriptedTransport::dropped(), ScriptedTransport::reply(200, kOk)};
  AwsClient client = f.client();
  auto start = f.runtime.now();
  auto answer = client.query(kCloudFormation, "DescribeStacks", {});
  REQUIRE_MESSAGE(answer.ok(), answer.error().describe());
  CHECK(f.transport->sent.size() == 4);
  // 0.5 * (500 + 1000 + 2000) ms of backoff, on the fake clock.
  CHECK(f.runtime.now() - start == 1750ms);
}

TEST_CASE("errors that are not worth retrying are returned at once") {
  Fixture f;
  f.transport->answers = {ScriptedTransport::reply(
      400, "<ErrorResponse><Error><Code>ValidationError</Code><Message>Template format error</Message></Error></ErrorResponse>")};
  AwsClient client = f.client();
  auto answer = client.query(kCloudFormation, "ValidateTemplate", {});
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == "ValidationError");
  CHECK(f.transport->sent.size() == 1);
}

TEST_CASE("the last attempt's error says how many were made") {
  Fixture f;
  f.policy.max_attempts = 3;
  f.transport->fallback = [](const HttpRequest&) { return ScriptedTransport::reply(400, kThrottled); };
  AwsClient client = f.client();
  auto answer = client.query(kCloudFormation, "DescribeStacks", {});
  REQUIRE_FALSE(answer.ok());
  CHECK(f.transport->sent.size() == 3);
  CHECK(answer.error().describe().find("gave up after 3 attempts") != std::string::npos);
}

TEST_CASE("the retry budget stops a client from hammering a failing endpoint") {
  Fixture f;
  f.policy.budget = 12;
  f.policy.retry_cost = 5;
  f.transport->fallback = [](const HttpRequest&) { return ScriptedTransport::reply(503, ""); };
  AwsClient client = f.client();
  auto first = client.query(kCloudFormation, "DescribeStacks", {});
  REQUIRE_FALSE(first.ok());
  CHECK(f.transport->sent.size() == 3);  // two retries took 10 of 12 tokens
  CHECK(first.error().describe().find("retry budget spent") != std::string::npos);
  auto second = client.query(kCloudFormation, "DescribeStacks", {});
  CHECK(f.transport->sent.size() == 4);  // no retry left at all
}

TEST_CASE("list calls follow NextToken through every page") {
  Fixture f;
  f.transport->answers = {
      ScriptedTransport::reply(200, "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>a</StackName></member></Stacks>"
                                    "<NextToken>t1</NextToken></DescribeStacksResult></DescribeStacksResponse>"),
      ScriptedTransport::reply(200, "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>b</StackName></member></Stacks>"
                                    "</DescribeStacksResult></DescribeStacksResponse>")};
  AwsClient client = f.client();
  auto pages = client.query_pages(kCloudFormation, "DescribeStacks", {});
  REQUIRE(pages.ok());
  CHECK(pages->size() == 2);
  CHECK(f.transport->sent[1].body.find("NextToken=t1") != std::string::npos);
}

// xml_fuzzer: DescribeScalingActivities answered with no activity and a NextToken asked
// again forever (the rebuild's progress hung), and DescribeStackEvents asked 1,000 times
// for the same page. A list call that stops early goes through the same pager as the rest.
TEST_CASE("a list call whose service repeats its page token stops with an error") {
  Fixture f;
  std::string body;
  f.transport->fallback = [&](const HttpRequest&) { return ScriptedTransport::reply(200, body); };
  AwsClient client = f.client();
  SUBCASE("scaling activities") {
    body = "<DescribeScalingActivitiesResponse><DescribeScalingActivitiesResult><Activities/><NextToken>t</NextToken>"
           "</DescribeScalingActivitiesResult></DescribeScalingActivitiesResponse>";
    auto activities = describe_scaling_activities(client, "g");
    REQUIRE_FALSE(activities.ok());
    CHECK(activities.error().message == "DescribeScalingActivities: the service returned the same page token twice");
  }
  SUBCASE("stack events") {
    body = "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member><EventId>e</EventId></member>"
           "</StackEvents><NextToken>t</NextToken></DescribeStackEventsResult></DescribeStackEventsResponse>";
    auto events = cfn::describe_stack_events(client, "app");
    REQUIRE_FALSE(events.ok());
    CHECK(events.error().message == "DescribeStackEvents: the service returned the same page token twice");
  }
  CHECK(f.transport->sent.size() == 2);
}

// A list that would go on past the page limit is an error, not the pages read so far: an
// inventory or a fleet check that silently left out servers would be a wrong answer.
TEST_CASE("a list call past the page limit stops with an error, not a shorter list") {
  Fixture f;
  f.max_pages = 3;
  int page = 0;
  f.transport->fallback = [&](const HttpRequest&) {
    return ScriptedTransport::reply(200, "<DescribeStacksResponse><DescribeStacksResult><Stacks/><NextToken>t" +
                                             std::to_string(++page) + "</NextToken></DescribeStacksResult></DescribeStacksResponse>");
  };
  AwsClient client = f.client();
  auto pages = client.query_pages(kCloudFormation, "DescribeStacks", {});
  REQUIRE_FALSE(pages.ok());
  CHECK(pages.error().message == "DescribeStacks: the list goes on past 3 pages, the most infrac reads");
  CHECK(f.transport->sent.size() == 3);
}

TEST_CASE("list calls that stop early: at the event last seen, at the number of activities asked for") {
  Fixture f;
  f.transport->answers = {
      ScriptedTransport::reply(200, "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member><EventId>e3</EventId></member>"
                                    "</StackEvents><NextToken>t1</NextToken></DescribeStackEventsResult></DescribeStackEventsResponse>"),
      ScriptedTransport::reply(200, "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member><EventId>e2</EventId></member>"
                                    "<member><EventId>e1</EventId></member></StackEvents><NextToken>t2</NextToken>"
                                    "</DescribeStackEventsResult></DescribeStackEventsResponse>"),
      ScriptedTransport::reply(200, "<DescribeScalingActivitiesResponse><DescribeScalingActivitiesResult><Activities><member><ActivityId>a2</ActivityId>"
                                    "</member><member><ActivityId>a1</ActivityId></member></Activities><NextToken>t</NextToken>"
                                    "</DescribeScalingActivitiesResult></DescribeScalingActivitiesResponse>")};
  AwsClient client = f.client();
  auto events = cfn::describe_stack_events(client, "app", "e1");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 2);
  CHECK((*events)[1].id == "e2");
  CHECK(f.transport->sent[1].body.find("NextToken=t1") != std::string::npos);
  auto activities = describe_scaling_activities(client, "g", 1);
  REQUIRE(activities.ok());
  REQUIRE(activities->size() == 1);
  CHECK((*activities)[0].id == "a2");
  CHECK(f.transport->sent.size() == 3);
}

TEST_CASE("no region is a clear error before anything is sent") {
  Fixture f;
  ClientConfig config;
  AwsClient client(config, f.transport, f.runtime, nullptr, nullptr);
  auto answer = client.query(kCloudFormation, "DescribeStacks", {});
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().message.find("no AWS region") != std::string::npos);
  CHECK(f.transport->sent.empty());
}
