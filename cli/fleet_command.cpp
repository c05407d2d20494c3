// `infrac fleet check`: the rebuild promise, checked. Every instance younger than
// --max-age, every Auto Scaling group at its desired number of instances in
// service; a line per problem for a monitoring system, and a Prometheus textfile
// (docs/fleet.md). Read-only.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <ostream>

#include "cli/atomic_write.hpp"
#include "cli/fleet_flow.hpp"
#include "fleet/fleet.hpp"

namespace infrac {
namespace {

struct CheckFlags {
  FleetFlags fleet;
  std::string max_age = fleet::format_duration(fleet::kDefaultMaxAge);
  std::string textfile;
};

int run_check(const CheckFlags& f, const CommandIo& io) {
  auto max_age = fleet::parse_duration(f.max_age);
  if (!max_age) {
    io.err << "infrac: error: --max-age `" << f.max_age << "` is not a duration like 24h, 25h30m or 1d\n";
    return kExitUsageOrIo;
  }
  int status = 0;
  auto loaded = load_fleet(f.fleet, false, io, status);
  if (!loaded) return status;
  fleet::Inventory inv = fleet::make_inventory(loaded->fetched.answers, loaded->now);
  std::vector<std::string> problems;
  for (const auto& name : loaded->fetched.missing_stacks) problems.push_back(fmt::format("stack {} does not exist", name));
  for (auto& p : fleet::check_fleet(inv, *max_age)) problems.push_back(std::move(p));
  if (!f.textfile.empty()) {
    if (std::string problem = write_all_or_nothing({{f.textfile, fleet::render_prometheus(inv, *max_age, problems.size())}});
        !problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      return kExitUsageOrIo;
    }
  }
  for (const auto& p : problems) io.out << p << "\n";
  std::chrono::seconds oldest{0};
  for (const auto& i : inv.instances)
    if (i.age) oldest = std::max(oldest, *i.age);
  io.err << fmt::format("fleet check: {} instance{} in {} group{}, oldest {}, maximum age {}: {}\n", inv.instances.size(),
                        inv.instances.size() == 1 ? "" : "s", inv.groups.size(), inv.groups.size() == 1 ? "" : "s",
                        fleet::format_duration(oldest), fleet::format_duration(*max_age),
                        problems.empty() ? "ok" : fmt::format("{} problem{}", problems.size(), problems.size() == 1 ? "" : "s"));
  return problems.empty() ? kExitOk : kExitRefused;
}

}  // namespace

Command add_fleet_command(CLI::App& app) {
  auto f = std::make_shared<CheckFlags>();
  CLI::App* fleet_app = app.add_subcommand("fleet", "Check the project's running fleet in AWS (fleet check)");
  fleet_app->require_subcommand(1);
  CLI::App* c = fleet_app->add_subcommand("check", "Exit 4, naming them, when an instance is too old or a group is short of instances");
  add_fleet_flags(*c, f->fleet);
  c->add_option("--max-age", f->max_age,
                "the oldest an instance may be, from its EC2 LaunchTime (default 25h: a rebuild every P = 24h that "
                "takes up to R = 60m lets instances live P + R)")
      ->type_name("DURATION");
  c->add_option("--textfile", f->textfile,
                "also write the ages and counts in Prometheus text format for node_exporter's textfile collector (atomically)")
      ->type_name("FILE");
  c->footer(
      "A line per problem on stdout, a summary on stderr. Read-only: DescribeStacks, DescribeStackResources,\n"
      "DescribeAutoScalingGroups, DescribeInstances (docs/fleet.md).\n"
      "Exit status: 0 all well, 1 the sources have errors, 2 usage or I/O, 4 a problem found, 5 AWS failed.\n"
      "Examples:\n"
      "  infrac fleet check out/rebuild --max-age 24h\n"
      "  infrac fleet check out/rebuild --textfile /var/lib/node_exporter/textfile/infrac.prom");
  return {fleet_app, [f](const CommandIo& io) { return run_check(*f, io); }};
}

}  // namespace infrac
