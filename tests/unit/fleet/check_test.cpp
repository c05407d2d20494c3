// Durations, and the age and capacity checks on small inventories.
#include <doctest/doctest.h>

#include "fleet/check.hpp"
#include "fleet/model.hpp"
#include "fleet/duration.hpp"

using namespace infrac::fleet;
using namespace std::chrono_literals;

TEST_CASE("durations as people write them") {
  CHECK(parse_duration("24h") == 24h);
  CHECK(parse_duration("1d2h30m15s") == 26h + 30min + 15s);
  CHECK(parse_duration("90m") == 90min);
  for (const char* bad : {"", "24", "h", "0h", "1h1d", "1h1h", "24 h", "-1h", "1.5h", "99999999999999h"})
    CHECK_MESSAGE(!parse_duration(bad).has_value(), bad);
  CHECK(format_duration(26h + 3min) == "26h3m");
  CHECK(format_duration(0s) == "0s");
  CHECK(format_duration(45s) == "45s");
  CHECK(format_duration(48h) == "48h");
  CHECK(kDefaultMaxAge == 25h);
}

TEST_CASE("the age check: strictly older than the limit, with the instance named") {
  Inventory inv;
  inv.now = TimePoint{} + 100h;
  Instance young, limit, old, unknown;
  young.id = "i-young", young.stack = "app", young.launch_time = inv.now - 1h, young.age = 1h;
  limit.id = "i-limit", limit.stack = "app", limit.launch_time = inv.now - 24h, limit.age = 24h;
  old.id = "i-old", old.stack = "app", old.group = "g", old.zone = "eu-west-1a", old.launch_time = inv.now - 24h - 1s,
  old.age = 24h + 1s;
  unknown.id = "i-unknown", unknown.stack = "app";
  inv.instances = {young, limit};
  CHECK(check_fleet(inv, 24h).empty());
  inv.instances.push_back(old);
  inv.instances.push_back(unknown);
  auto problems = check_fleet(inv, 24h);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "instance i-old (stack app, group g, eu-west-1a) is 24h1s old, over the maximum age 24h (launched 1970-01-04T03:59:59Z)");
  CHECK(problems[1] == "instance i-unknown (stack app) has no launch time, so its age is unknown");
}

TEST_CASE("the capacity check: fewer in service than desired") {
  Inventory inv;
  inv.groups = {{"app", "app", "app-G-1", "G", 2, 2, {}}, {"app", "app", "app-H-1", "H", 3, 1, {}}, {"app", "app", "z", "Z", 0, 0, {}}};
  auto problems = check_fleet(inv, 24h);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "group app-H-1 (stack app) has 1 of 3 desired instances in service");
}

TEST_CASE("a group's members are the project's without its tag; in service needs EC2's running too") {
  FleetAnswers a;
  a.stacks = {{"app", "app-prod", {}}};
  a.groups = {{"app-prod-G-1", "app-prod", "G", 3, {{"i-1", "InService", "Healthy", "z"}, {"i-2", "InService", "Healthy", "z"},
                                                   {"i-3", "Pending", "Healthy", "z"}}, {}}};
  a.instances = {{"i-1", "running", "z", "", "", "", "", std::nullopt, {}},
                 {"i-2", "stopped", "z", "", "", "", "", std::nullopt, {}},
                 {"i-3", "pending", "z", "", "", "", "", std::nullopt, {}},
                 {"i-4", "running", "z", "", "", "", "", std::nullopt, {{"Name", "beside"}}}};
  Inventory inv = make_inventory(a, TimePoint{});
  REQUIRE(inv.instances.size() == 3);
  CHECK(inv.instances[0].group == "app-prod-G-1");
  CHECK(inv.instances[0].group_logical_id == "G");
  REQUIRE(inv.groups.size() == 1);
  CHECK(inv.groups[0].in_service == 1);
}
