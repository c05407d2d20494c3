#include "cli/fleet_flow.hpp"

#include <algorithm>
#include <ostream>

#include "aws/time.hpp"

namespace infrac {

void add_fleet_flags(CLI::App& c, FleetFlags& f) {
  add_project_flags(c, f.project, "only this infra stack (repeatable; default: every stack of the project)");
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
  auto input = load_project_input(f.project, io, status);
  if (!input) return std::nullopt;
  const ProjectFlags& p = f.project;
  std::vector<FleetStackName> names;
  for (const auto& stack : input->project.stacks) {
    if (!p.only.empty() && std::find(p.only.begin(), p.only.end(), stack.name) == p.only.end()) continue;
    std::string problem;
    std::string aws_name = deploy::stack_aws_name(p.name_format, stack.name, p.env, problem);
    if (!problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    names.push_back({stack.name, aws_name});
  }
  auto client = make_aws_client(p.aws, io.err);
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
