#include "fleet/check.hpp"

#include <fmt/format.h>

#include "aws/time.hpp"
#include "fleet/duration.hpp"

namespace infrac::fleet {
namespace {

std::string where(const Instance& i) {
  std::string s = "stack " + i.stack;
  if (!i.group.empty()) s += ", group " + i.group;
  if (!i.zone.empty()) s += ", " + i.zone;
  return s;
}

// Prometheus label values: backslash, double quote and newline escaped.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> check_fleet(const Inventory& inventory, std::chrono::seconds max_age) {
  std::vector<std::string> problems;
  for (const auto& i : inventory.instances) {
    if (!i.age) {
      problems.push_back(fmt::format("instance {} ({}) has no launch time, so its age is unknown", i.id, where(i)));
    } else if (*i.age > max_age) {
      problems.push_back(fmt::format("instance {} ({}) is {} old, over the maximum age {} (launched {})", i.id, where(i),
                                     format_duration(*i.age), format_duration(max_age), aws::format_iso8601(*i.launch_time)));
    }
  }
  for (const auto& g : inventory.groups) {
    if (g.in_service < g.desired_capacity)
      problems.push_back(fmt::format("group {} (stack {}) has {} of {} desired instances in service", g.name, g.stack,
                                     g.in_service, g.desired_capacity));
  }
  return problems;
}

std::string render_prometheus(const Inventory& inventory, std::chrono::seconds max_age, size_t problems) {
  std::string out =
      "# HELP infrac_fleet_instance_age_seconds Seconds since the instance's EC2 LaunchTime.\n"
      "# TYPE infrac_fleet_instance_age_seconds gauge\n";
  for (const auto& i : inventory.instances) {
    if (!i.age) continue;
    out += fmt::format("infrac_fleet_instance_age_seconds{{stack=\"{}\",aws_stack=\"{}\",group=\"{}\",instance=\"{}\",zone=\"{}\"}} {}\n",
                       label(i.stack), label(i.aws_stack), label(i.group), label(i.id), label(i.zone), i.age->count());
  }
  auto group_metric = [&](const char* name, const char* help, int Group::*count) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
    for (const auto& g : inventory.groups)
      out += fmt::format("{}{{stack=\"{}\",group=\"{}\"}} {}\n", name, label(g.stack), label(g.name), g.*count);
  };
  group_metric("infrac_fleet_group_desired_instances", "The Auto Scaling group's desired capacity.", &Group::desired_capacity);
  group_metric("infrac_fleet_group_in_service_instances", "The group's instances InService by the group and running by EC2.",
               &Group::in_service);
  out += fmt::format(
      "# HELP infrac_fleet_max_age_seconds The age limit fleet check applies.\n"
      "# TYPE infrac_fleet_max_age_seconds gauge\n"
      "infrac_fleet_max_age_seconds {}\n"
      "# HELP infrac_fleet_problems Problems fleet check found (too old, too few in service).\n"
      "# TYPE infrac_fleet_problems gauge\n"
      "infrac_fleet_problems {}\n"
      "# HELP infrac_fleet_check_timestamp_seconds When fleet check ran (Unix time).\n"
      "# TYPE infrac_fleet_check_timestamp_seconds gauge\n"
      "infrac_fleet_check_timestamp_seconds {}\n",
      max_age.count(), problems,
      std::chrono::duration_cast<std::chrono::seconds>(inventory.now.time_since_epoch()).count());
  return out;
}

}  // namespace infrac::fleet
