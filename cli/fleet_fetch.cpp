#include "cli/fleet_fetch.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "aws/cloudformation.hpp"
#include "aws/fleet_services.hpp"

namespace infrac {
namespace {

// Every state but terminated and shutting-down: a stopped instance still belongs to the fleet.
const std::vector<std::string> kLiveStates = {"pending", "running", "stopping", "stopped"};

fleet::InstanceAnswer to_answer(const aws::Ec2Instance& i) {
  return {i.id, i.state, i.zone, i.private_ip, i.public_ip, i.private_dns, i.public_dns, i.launch_time, i.tags};
}

}  // namespace

aws::Outcome<FetchedFleet> fetch_fleet(aws::AwsClient& client, const std::vector<FleetStackName>& stacks,
                                       bool console_output) {
  FetchedFleet f;
  std::vector<std::string> stack_names, group_names;
  std::map<std::string, std::pair<std::string, std::string>> owner_of_group;
  for (const auto& s : stacks) {
    auto described = aws::cfn::describe_stack(client, s.aws_name);
    if (!described) return described.error();
    if (!described->has_value()) {
      f.missing_stacks.push_back(s.aws_name);
      continue;
    }
    fleet::StackAnswer answer{s.name, s.aws_name, {}};
    for (const auto& o : (*described)->outputs) answer.outputs.emplace_back(o.key, o.value);
    f.answers.stacks.push_back(std::move(answer));
    stack_names.push_back(s.aws_name);
    auto resources = aws::cfn::describe_stack_resources(client, s.aws_name);
    if (!resources) return resources.error();
    for (const auto& r : *resources) {
      if (r.type != "AWS::AutoScaling::AutoScalingGroup" || r.physical_id.empty()) continue;
      group_names.push_back(r.physical_id);
      owner_of_group[r.physical_id] = {s.aws_name, r.logical_id};
    }
  }
  if (!group_names.empty()) {
    auto groups = aws::describe_auto_scaling_groups(client, group_names);
    if (!groups) return groups.error();
    for (const auto& g : *groups) {
      fleet::GroupAnswer answer{g.name, owner_of_group[g.name].first, owner_of_group[g.name].second, g.desired_capacity, {}, g.tags};
      for (const auto& m : g.instances) answer.instances.push_back({m.id, m.lifecycle_state, m.health_status, m.availability_zone});
      f.answers.groups.push_back(std::move(answer));
    }
  }
  // The instances: those CloudFormation made (its tag; in AWS also those of its
  // groups), and the members each group lists, by id (a filter, so that an instance
  // terminated meanwhile is no error), at most 200 values per filter as EC2 allows.
  std::vector<std::vector<aws::Ec2Filter>> searches;
  if (!stack_names.empty()) searches.push_back({{std::string("tag:") + fleet::kStackNameTag, stack_names}});
  std::vector<std::string> member_ids;
  for (const auto& g : f.answers.groups)
    for (const auto& m : g.instances) member_ids.push_back(m.id);
  for (size_t at = 0; at < member_ids.size(); at += 200)
    searches.push_back({{"instance-id", {member_ids.begin() + at, member_ids.begin() + std::min(at + 200, member_ids.size())}}});
  std::set<std::string> seen;
  for (auto& filters : searches) {
    filters.push_back({"instance-state-name", kLiveStates});
    auto instances = aws::describe_instances(client, {}, filters);
    if (!instances) return instances.error();
    for (const auto& i : *instances)
      if (seen.insert(i.id).second) f.answers.instances.push_back(to_answer(i));
  }
  if (console_output) {
    for (const auto& i : f.answers.instances) {
      auto output = aws::get_console_output(client, i.id);
      if (!output) return output.error();
      f.answers.console_output[i.id] = *output;
    }
  }
  return f;
}

}  // namespace infrac
