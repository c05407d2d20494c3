// `infrac rebuild`: deploy the current build with each rebuild parameter set to
// the current UTC time, refuse a change set that changes more than the rebuild
// proof predicts (exit 4, with the change set), then verify that every instance
// of every group reached was launched after the rebuild started and is in
// service (docs/rebuild.md).
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <memory>

#include "aws/time.hpp"
#include "cfn/rebuild_proof.hpp"
#include "cli/atomic_write.hpp"
#include "cli/deploy_flow.hpp"
#include "deploy/rebuild.hpp"

namespace infrac {
namespace {

struct RebuildFlags {
  DeployFlags deploy;
  int verify_timeout_minutes = 60;
  std::string report_file;
};

Json instances_json(const deploy::Verification& v) {
  Json list = Json::array();
  for (const auto& i : v.instances)
    list.push_back({{"id", i.id}, {"group", i.group}, {"lifecycle_state", i.lifecycle_state},
                    {"launch_time", i.launch_time ? aws::format_iso8601(*i.launch_time) : ""}, {"replaced", i.replaced}});
  return list;
}

int run_rebuild(const RebuildFlags& f, const CommandIo& io) {
  int status = 0;
  install_interrupt_handler();
  auto prepared = prepare_deploy(f.deploy, io, status);
  if (!prepared) return status;
  const deploy::Project& project = prepared->input.project;

  // The rebuild's start, in whole seconds: EC2's LaunchTime has no finer resolution.
  auto now = std::chrono::time_point_cast<std::chrono::seconds>(prepared->client->runtime().now());
  std::string stamp = aws::format_iso8601(now);
  std::map<std::string, cfn::RebuildProof> proofs;
  std::map<std::string, cfn::StackPolicy> policies;
  deploy::DeployOptions& options = prepared->options;
  options.create_missing = false;
  for (const auto& s : project.stacks) {
    if (s.rebuild_parameter.empty()) continue;
    const auto& only = f.deploy.project.only;
    if (!only.empty() && std::find(only.begin(), only.end(), s.name) == only.end()) continue;
    options.only.push_back(s.name);
    options.overrides[s.name][s.rebuild_parameter] = stamp;
    proofs[s.name] = cfn::prove_rebuild(s.template_json, s.policy_json, prepared->spec.get(), s.rebuild_parameter);
    policies[s.name] = cfn::parse_stack_policy(s.policy_json);
    if (proofs[s.name].denied()) {
      io.err << fmt::format("infrac: refused: the stack policy of `{}` does not allow its own rebuild (see `infrac check "
                            "--rebuild-param {}`)\n", s.name, s.rebuild_parameter);
      return kExitRefused;
    }
  }
  if (options.only.empty()) {
    io.err << "infrac: error: no stack of the project declares a rebuild parameter (`rebuild true` on a parameter)\n";
    return kExitUsageOrIo;
  }
  auto gate = [&](const deploy::StackArtifacts& a, const aws::cfn::ChangeSet& cs) {
    return deploy::check_within_proof(cs, proofs.at(a.name), policies.at(a.name));
  };
  deploy::DeployReport report =
      deploy::deploy_project(*prepared->client, project, options, *prepared->sink, make_confirm(f.deploy, io), gate);

  Json rebuild;
  rebuild["started"] = stamp;
  Json parameters = Json::object();
  for (const auto& [stack, values] : options.overrides)
    for (const auto& [name, value] : values) parameters[stack][name] = value;
  rebuild["parameters"] = parameters;
  int gate_status = 0;
  if (report.exit_status() == 0) {
    std::vector<std::string> ids;
    for (const auto& s : report.stacks) ids.push_back(s.stack_id);
    std::string problem;
    std::vector<std::string> groups = deploy::groups_of_stacks(*prepared->client, ids, problem);
    deploy::WaitOptions wait = options.wait;
    wait.deadline = std::chrono::minutes(f.verify_timeout_minutes);
    deploy::Verification v = problem.empty() ? deploy::wait_for_replacement(*prepared->client, groups, now, wait, *prepared->sink)
                                             : deploy::Verification{false, {}, {}, problem, std::nullopt};
    auto finished = prepared->client->runtime().now();
    rebuild["groups"] = v.groups;
    rebuild["instances"] = instances_json(v);
    rebuild["oldest_launch_time"] = v.oldest_launch ? aws::format_iso8601(*v.oldest_launch) : "";
    rebuild["duration_seconds"] = std::chrono::duration_cast<std::chrono::seconds>(finished - now).count();
    size_t old = 0;
    for (const auto& i : v.instances) {
      old += !i.replaced;
      io.err << fmt::format("  {} {} {} launched {}{}\n", i.group, i.id, i.lifecycle_state,
                            i.launch_time ? aws::format_iso8601(*i.launch_time) : "?", i.replaced ? "" : "  OLD");
    }
    rebuild["old_instances"] = old;
    if (!v.problem.empty()) {
      io.err << "infrac: error: verifying the rebuild: " << prepared->client->redactor().redact(v.problem) << "\n";
      gate_status = kExitAwsFailed;
    } else if (!v.complete) {
      io.err << fmt::format("infrac: refused: {} instance{} launched before the rebuild started {} still there (or not in service)\n",
                            old, old == 1 ? "" : "s", old == 1 ? "is" : "are");
      gate_status = kExitRefused;
    } else {
      io.err << fmt::format("rebuild verified: {} instance{} in {} group{}, every one launched after {}\n", v.instances.size(),
                            v.instances.size() == 1 ? "" : "s", v.groups.size(), v.groups.size() == 1 ? "" : "s", stamp);
    }
  }
  int result = finish_deploy(f.deploy, *prepared, report, io, Json{{"rebuild", rebuild}}, gate_status);
  if (!f.report_file.empty()) {
    Json doc{{"format", 1}, {"rebuild", rebuild}, {"exit_status", result}};
    if (std::string problem = write_all_or_nothing({{f.report_file, doc.dump(2) + "\n"}}); !problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      result = std::max(result, kExitUsageOrIo);
    }
  }
  return result;
}

}  // namespace

Command add_rebuild_command(CLI::App& app) {
  auto flags = std::make_shared<RebuildFlags>();
  CLI::App* c = app.add_subcommand("rebuild", "Rebuild every instance: deploy with the rebuild parameters set to now, "
                                              "refuse anything beyond the rebuild proof, verify the instances");
  add_deploy_flags(*c, flags->deploy, true);
  c->add_option("--verify-timeout", flags->verify_timeout_minutes,
                "minutes to wait, after the stacks settle, for every old instance to be replaced (default 60)")
      ->check(CLI::Range(0, 24 * 60));
  c->add_option("--report", flags->report_file, "also write the rebuild report (JSON) to this file")->type_name("FILE");
  c->footer(
      "Exit status: 0 rebuilt and verified, 1 the sources have errors, 2 usage or I/O, 4 refused (the change set\n"
      "changes more than a rebuild, a stack is busy, an old instance is left) or not confirmed, 5 AWS failed.\n"
      "Example (nightly, from cron or a systemd timer; see docs/rebuild.md):\n"
      "  infrac rebuild examples/rebuild/ --params params.yml --yes --report /var/log/infrac/rebuild.json");
  return {c, [flags](const CommandIo& io) { return run_rebuild(*flags, io); }};
}

}  // namespace infrac
