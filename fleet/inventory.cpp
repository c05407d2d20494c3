// make_inventory: the project's instances among everything AWS answered.
#include <algorithm>
#include <set>

#include "fleet/host_keys.hpp"
#include "fleet/model.hpp"

namespace infrac::fleet {
namespace {

std::string tag(const std::map<std::string, std::string>& tags, const char* key) {
  auto it = tags.find(key);
  return it == tags.end() ? "" : it->second;
}

}  // namespace

const char* key_status_name(KeyStatus s) {
  switch (s) {
    case KeyStatus::Verified: return "verified";
    case KeyStatus::Unverified: return "unverified";
    case KeyStatus::Refused: return "refused";
  }
  return "";
}

std::string ansible_name(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) c = '_';
  return out;
}

Inventory make_inventory(const FleetAnswers& answers, TimePoint now) {
  Inventory inv;
  inv.now = now;
  std::map<std::string, const StackAnswer*> stack_by_aws_name;
  std::map<std::string, size_t> stack_rank;
  for (const auto& s : answers.stacks) {
    Stack stack{s.name, s.aws_name, s.outputs};
    std::sort(stack.outputs.begin(), stack.outputs.end());
    stack_rank.emplace(s.name, inv.stacks.size());
    inv.stacks.push_back(std::move(stack));
    stack_by_aws_name.emplace(s.aws_name, &s);
  }

  // Groups belong to a stack by the tag CloudFormation puts on them.
  std::map<std::string, const GroupAnswer*> group_by_name;
  std::map<std::string, const GroupMemberAnswer*> member_by_id;
  std::map<std::string, std::string> group_of_member;  // a group lists its instances even where they lack its tag
  std::map<std::string, const StackAnswer*> stack_of_group;
  for (const auto& g : answers.groups) {
    auto stack = stack_by_aws_name.find(g.stack.empty() ? tag(g.tags, kStackNameTag) : g.stack);
    if (stack == stack_by_aws_name.end()) continue;
    group_by_name.emplace(g.name, &g);
    stack_of_group.emplace(g.name, stack->second);
    std::string logical_id = g.logical_id.empty() ? tag(g.tags, kLogicalIdTag) : g.logical_id;
    Group group{stack->second->name, stack->second->aws_name, g.name, logical_id, g.desired_capacity, 0, {}};
    for (const auto& m : g.instances) {
      group.instance_ids.push_back(m.id);
      member_by_id.emplace(m.id, &m);
      group_of_member.emplace(m.id, g.name);
    }
    std::sort(group.instance_ids.begin(), group.instance_ids.end());
    inv.groups.push_back(std::move(group));
  }
  std::sort(inv.groups.begin(), inv.groups.end(), [&](const Group& a, const Group& b) {
    return std::pair(stack_rank[a.stack], a.name) < std::pair(stack_rank[b.stack], b.name);
  });

  std::set<std::string> seen;
  for (const auto& i : answers.instances) {
    if (i.state == "terminated" || i.state == "shutting-down" || !seen.insert(i.id).second) continue;
    // An instance is the project's when tagged with one of its stacks, directly or through its group.
    std::string group_name = tag(i.tags, kGroupNameTag);
    if (auto member = group_of_member.find(i.id); group_name.empty() && member != group_of_member.end()) group_name = member->second;
    auto group = group_by_name.find(group_name);
    auto stack = stack_by_aws_name.find(tag(i.tags, kStackNameTag));
    const StackAnswer* owner = stack != stack_by_aws_name.end() ? stack->second : nullptr;
    if (group != group_by_name.end()) {
      const StackAnswer* group_stack = stack_of_group.at(group_name);
      if (owner && owner != group_stack) continue;  // tags that contradict each other: not ours to list
      owner = group_stack;
    } else if (!group_name.empty() && !owner) {
      continue;
    }
    if (!owner) continue;

    Instance x;
    x.stack = owner->name;
    x.aws_stack = owner->aws_name;
    if (group != group_by_name.end()) {
      x.group = group->first;
      x.group_logical_id = group->second->logical_id.empty() ? tag(group->second->tags, kLogicalIdTag) : group->second->logical_id;
    }
    x.id = i.id;
    x.zone = i.zone;
    x.private_ip = i.private_ip;
    x.public_ip = i.public_ip;
    x.private_dns = i.private_dns;
    x.public_dns = i.public_dns;
    x.state = i.state;
    if (auto m = member_by_id.find(i.id); m != member_by_id.end()) {
      x.lifecycle_state = m->second->lifecycle_state;
      x.health_status = m->second->health_status;
      if (x.zone.empty()) x.zone = m->second->zone;
    }
    x.launch_time = i.launch_time;
    if (i.launch_time) x.age = std::chrono::duration_cast<std::chrono::seconds>(now - *i.launch_time);
    auto console = answers.console_output.find(i.id);
    HostKeyReading keys = read_host_keys_from_console_output(console == answers.console_output.end() ? "" : console->second);
    x.key_status = keys.status;
    x.key_problem = keys.problem;
    x.host_keys = std::move(keys.keys);
    inv.instances.push_back(std::move(x));
  }
  // In service: what the group says (InService) and EC2 confirms (running); a group
  // notices a stopped or terminated instance only at its next health check.
  for (auto& g : inv.groups)
    for (const auto& x : inv.instances)
      if (x.group == g.name && x.lifecycle_state == "InService" && x.state == "running") ++g.in_service;
  std::sort(inv.instances.begin(), inv.instances.end(), [&](const Instance& a, const Instance& b) {
    return std::tie(stack_rank[a.stack], a.group, a.zone, a.id) < std::tie(stack_rank[b.stack], b.group, b.zone, b.id);
  });
  return inv;
}

}  // namespace infrac::fleet
