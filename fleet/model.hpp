#pragma once
// The fleet's model: what AWS said about a project's stacks (the typed answers,
// filled by the command from aws/), and the inventory computed from them. The
// renderers (render.hpp) and the age check (check.hpp) read only the inventory.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace infrac::fleet {

using TimePoint = std::chrono::system_clock::time_point;

// ---- What AWS said ----

struct StackAnswer {
  std::string name;      // the infra stack name
  std::string aws_name;  // its name in AWS (--name-format)
  std::vector<std::pair<std::string, std::string>> outputs;  // DescribeStacks: OutputKey, OutputValue
};

struct InstanceAnswer {  // DescribeInstances
  std::string id, state, zone, private_ip, public_ip, private_dns, public_dns;
  std::optional<TimePoint> launch_time;
  std::map<std::string, std::string> tags;
};

struct GroupMemberAnswer {  // DescribeAutoScalingGroups: one of a group's Instances
  std::string id, lifecycle_state, health_status, zone;
};

struct GroupAnswer {  // DescribeAutoScalingGroups
  std::string name;
  // The stack (AWS name) and logical id CloudFormation lists the group under
  // (DescribeStackResources); empty: taken from the group's aws:cloudformation tags.
  std::string stack, logical_id;
  int desired_capacity = 0;
  std::vector<GroupMemberAnswer> instances;
  std::map<std::string, std::string> tags;
};

struct FleetAnswers {
  std::vector<StackAnswer> stacks;  // in manifest order
  std::vector<GroupAnswer> groups;
  std::vector<InstanceAnswer> instances;
  // GetConsoleOutput's Output per instance id, base64 as AWS sends it; an
  // instance without an entry (or with an empty one) has no console output yet.
  std::map<std::string, std::string> console_output;
};

// The tags CloudFormation and Auto Scaling put on what they create.
inline constexpr const char* kStackNameTag = "aws:cloudformation:stack-name";
inline constexpr const char* kLogicalIdTag = "aws:cloudformation:logical-id";
inline constexpr const char* kGroupNameTag = "aws:autoscaling:groupName";

// ---- The inventory ----

struct HostKey {
  std::string type;  // ssh-ed25519, ecdsa-sha2-nistp256, ...
  std::string key;   // the base64 blob
  bool operator==(const HostKey&) const = default;
};

enum class KeyStatus {
  Verified,    // read from cloud-init's block in the console output
  Unverified,  // no console output or no complete block yet: never trusted
  Refused,     // a malformed or contradictory block: never trusted, reported
};

struct Instance {
  std::string stack;      // infra stack name
  std::string aws_stack;  // its AWS name
  std::string group;      // Auto Scaling group name; "" when not in a group
  std::string group_logical_id;
  std::string id, zone, private_ip, public_ip, private_dns, public_dns;
  std::string state;            // EC2: pending, running, stopping, stopped
  std::string lifecycle_state;  // Auto Scaling: Pending, InService, Terminating, ...; "" outside a group
  std::string health_status;
  std::optional<TimePoint> launch_time;
  std::optional<std::chrono::seconds> age;  // now - LaunchTime
  KeyStatus key_status = KeyStatus::Unverified;
  std::string key_problem;  // why unverified or refused
  std::vector<HostKey> host_keys;
};

struct Group {
  std::string stack, aws_stack, name, logical_id;
  int desired_capacity = 0;
  int in_service = 0;  // members InService by the group and running by EC2
  std::vector<std::string> instance_ids;  // every member, whatever its state
};

struct Stack {
  std::string name, aws_name;
  std::vector<std::pair<std::string, std::string>> outputs;  // sorted by key
};

struct Inventory {
  TimePoint now;
  std::vector<Stack> stacks;        // in manifest order
  std::vector<Group> groups;        // by stack, then name
  std::vector<Instance> instances;  // by stack, group, zone, id
};

// The project's instances among everything AWS answered: those tagged with one of
// its stacks' names, directly or through one of its stacks' groups (by the group's
// tag on the instance, or the group's list of members); terminated
// ones left out; ages measured from `now`; host keys verified from the console output.
Inventory make_inventory(const FleetAnswers& answers, TimePoint now);

// verified, unverified, refused
const char* key_status_name(KeyStatus status);

// "ssh_group_name" style names for Ansible: every character outside [A-Za-z0-9_] made `_`.
std::string ansible_name(const std::string& text);

}  // namespace infrac::fleet
