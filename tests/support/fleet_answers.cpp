#include "support/fleet_answers.hpp"

#include <stdexcept>

#include "aws/time.hpp"
#include "fleet/duration.hpp"
#include "support/cfn_eval.hpp"

namespace infrac::test {
namespace {

fleet::TimePoint parse_time(const std::string& text) {
  auto t = aws::parse_iso8601(text);
  if (!t) throw std::runtime_error("bad time " + text);
  return *t;
}

std::string str(const nlohmann::json& j, const char* key) { return j.value(key, std::string()); }

}  // namespace

FleetCase read_fleet_case(const nlohmann::json& j) {
  FleetCase c;
  c.now = parse_time(j.at("now"));
  c.max_age = fleet::parse_duration(j.value("max_age", "24h")).value();
  const auto& r = j.value("render", nlohmann::json::object());
  std::string address = r.value("address", "auto");
  c.render.address = address == "private" ? fleet::AddressChoice::Private
                     : address == "public" ? fleet::AddressChoice::Public
                                           : fleet::AddressChoice::Auto;
  c.render.ssh_user = str(r, "ssh_user");
  c.render.jump_host = str(r, "jump_host");
  c.render.known_hosts_file = str(r, "known_hosts_file");
  if (j.contains("known_hosts_before")) c.known_hosts_before = j["known_hosts_before"].get<std::string>();
  for (const auto& s : j.at("stacks")) {
    fleet::StackAnswer a{str(s, "name"), str(s, "aws_name"), {}};
    for (const auto& o : s.at("outputs")) a.outputs.emplace_back(o.at(0), o.at(1));
    c.answers.stacks.push_back(std::move(a));
  }
  for (const auto& g : j.at("groups")) {
    fleet::GroupAnswer a{str(g, "name"), str(g, "stack"), str(g, "logical_id"), g.value("desired_capacity", 0), {},
                         g.value("tags", std::map<std::string, std::string>())};
    for (const auto& m : g.at("instances"))
      a.instances.push_back({str(m, "id"), str(m, "lifecycle_state"), str(m, "health_status"), str(m, "zone")});
    c.answers.groups.push_back(std::move(a));
  }
  for (const auto& i : j.at("instances")) {
    fleet::InstanceAnswer a{str(i, "id"), str(i, "state"), str(i, "zone"), str(i, "private_ip"), str(i, "public_ip"),
                            str(i, "private_dns"), str(i, "public_dns"), std::nullopt,
                            i.value("tags", std::map<std::string, std::string>())};
    if (i.contains("launch_time")) a.launch_time = parse_time(i["launch_time"]);
    if (i.contains("console")) c.answers.console_output[a.id] = base64_encode(i["console"].get<std::string>());
    c.answers.instances.push_back(std::move(a));
  }
  return c;
}

}  // namespace infrac::test
