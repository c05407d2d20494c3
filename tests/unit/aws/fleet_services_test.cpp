// The EC2 and Auto Scaling reads (aws/fleet_services.hpp) on scripted answers: numbers in an
// answer are read strictly, and one that is not a number AWS could send is an error naming
// the operation and the field, never a silently different size.
#include <doctest/doctest.h>

#include <memory>

#include "aws/client.hpp"
#include "aws/fleet_services.hpp"
#include "fake_transport.hpp"

using namespace infrac::aws;
using testing::ScriptedTransport;

namespace {

std::string groups_answer(const std::string& min, const std::string& max, const std::string& desired) {
  return "<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups><member>"
         "<AutoScalingGroupName>web</AutoScalingGroupName><MinSize>" + min + "</MinSize><MaxSize>" + max +
         "</MaxSize><DesiredCapacity>" + desired + "</DesiredCapacity></member></AutoScalingGroups>"
         "</DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>";
}

Outcome<std::vector<AutoScalingGroup>> describe(const std::string& answer) {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->answers = {ScriptedTransport::reply(200, answer)};
  ClientConfig config;
  config.region = "us-east-1";
  AwsClient client(config, transport, fake_runtime({}, {}, 0.5),
                   []() -> Outcome<Credentials> { return Credentials{"AKID", "SECRET", "", std::nullopt, "test"}; }, nullptr);
  return describe_auto_scaling_groups(client, {"web"});
}

}  // namespace

TEST_CASE("Auto Scaling group sizes as AWS sends them") {
  auto groups = describe(groups_answer("1", "12", "3"));
  REQUIRE_MESSAGE(groups.ok(), groups.error().describe());
  REQUIRE(groups->size() == 1);
  CHECK((*groups)[0].min_size == 1);
  CHECK((*groups)[0].max_size == 12);
  CHECK((*groups)[0].desired_capacity == 3);
}

// std::atoi read "12abc" as 12, "" as 0 and 99999999999 as whatever the overflow gave.
TEST_CASE("a group size that is not a whole number AWS could send is an error naming the operation and the field") {
  for (const char* bad : {"12abc", "", "99999999999", "-1", " 3", "+3", "3.0", "0x10"}) {
    std::string shown = bad;
    CAPTURE(shown);
    auto groups = describe(groups_answer("1", bad, "3"));
    REQUIRE_FALSE(groups.ok());
    CHECK(groups.error().kind == AwsError::Kind::Protocol);
    CHECK(groups.error().code == "InvalidAnswer");
    CHECK(groups.error().message ==
          "DescribeAutoScalingGroups: MaxSize of group `web` is `" + std::string(bad) + "`, not a whole number from 0 to 2147483647");
  }
  auto missing = describe("<DescribeAutoScalingGroupsResponse><DescribeAutoScalingGroupsResult><AutoScalingGroups><member>"
                          "<AutoScalingGroupName>web</AutoScalingGroupName><MinSize>1</MinSize><MaxSize>2</MaxSize>"
                          "</member></AutoScalingGroups></DescribeAutoScalingGroupsResult></DescribeAutoScalingGroupsResponse>");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "DescribeAutoScalingGroups: DesiredCapacity of group `web` is ``, not a whole number from 0 to 2147483647");
}
