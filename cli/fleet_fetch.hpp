#pragma once
// The read-only AWS calls behind `infrac inventory` and `infrac fleet check`: what
// the fleet library computes its inventory from (fleet/model.hpp).
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "fleet/model.hpp"

namespace infrac {

struct FleetStackName {
  std::string name;      // the infra stack
  std::string aws_name;  // after --name-format
};

struct FetchedFleet {
  fleet::FleetAnswers answers;
  std::vector<std::string> missing_stacks;  // AWS names of stacks that do not exist
};

// DescribeStacks (outputs) and DescribeStackResources (the Auto Scaling groups) per
// stack, DescribeAutoScalingGroups for those groups, DescribeInstances filtered by
// the stacks' and groups' tags (every page, terminated instances left out) and,
// when `console_output`, GetConsoleOutput for each instance found.
aws::Outcome<FetchedFleet> fetch_fleet(aws::AwsClient& client, const std::vector<FleetStackName>& stacks,
                                       bool console_output);

}  // namespace infrac
