#include "cli/fleet_flow.hpp"

#include <ostream>

#include "aws/time.hpp"
#include "cli/deploy_flow.hpp"
#include "cli/deploy_input.hpp"

namespace infrac {

void add_fleet_flags(CLI::App& c, FleetFlags& f) {
  add_project_flags(c, f.inputs, f.aws, f.name_format, f.env);
  c.add_option("--stack", f.only, "only this infra stack (repeatable; default: every stack of the project)")->type_name("NAME");
  c.add_option("--at", f.at, "measure ages at this UTC time (2026-11-29T06:00:00Z) instead of now")->type_name("TIME");
}

std::optional<LoadedFleet> load_fleet(const FleetFlags& f, bool console_output, const CommandIo& io, int& status) {
  LoadedFleet loaded;
  loaded.now = std::chrono::system_clock::now();
  if (!f.at.empty()) {
    auto at = aws::parse_iso8601(f.at);
    if (!at) {
      io.err << "infrac: error: --at `" << f.at << "` is not a time like 2026-11-29T06:00:00Z\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    loaded.now = *at;
  }
  auto input = load_deploy_input(f.inputs, io, status);
  if (!input) return std::nullopt;
  std::vector<FleetStackName> names;
  for (const auto& name : f.only) {
    if (!input->project.find(name)) {
      io.err << "infrac: error: --stack `" << name << "`: the project has no such stack\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
  }
  for (const auto& stack : input->project.stacks) {
    if (!f.only.empty() && std::find(f.only.begin(), f.only.end(), stack.name) == f.only.end()) continue;
    std::string problem;
    std::string aws_name = deploy::stack_aws_name(f.name_format, stack.name, f.env, problem);
    if (!problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    names.push_back({stack.name, aws_name});
  }
  auto client = make_aws_client(f.aws, io.err);
  if (!client) {
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  auto fetched = fetch_fleet(*client, names, console_output);
  if (!fetched) {
    io.err << "infrac: error: " << client->redactor().redact(fetched.error().describe()) << "\n";
    status = kExitAwsFailed;
    return std::nullopt;
  }
  loaded.fetched = std::move(*fetched);
  return loaded;
}

}  // namespace infrac
