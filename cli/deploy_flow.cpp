#include "cli/deploy_flow.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/atomic_write.hpp"
#include "cli/resource_spec_loading.hpp"
#include "deploy/outputs.hpp"
#include "deploy/params_file.hpp"
#include "io/safe_read.hpp"

namespace infrac {
namespace {

const char* kind_name(deploy::StackResult::Kind k) {
  using K = deploy::StackResult::Kind;
  switch (k) {
    case K::Deployed: return "deployed";
    case K::NoChanges: return "no_changes";
    case K::NeedsRollback: return "needs_rollback";
    case K::Failed: return "failed";
    case K::Refused: return "refused";
    case K::Declined: return "declined";
    case K::Invalid: return "invalid";
  }
  return "failed";
}

std::string duration_text(std::chrono::seconds s) { return fmt::format("{}m{:02}s", s.count() / 60, s.count() % 60); }

}  // namespace

void add_project_flags(CLI::App& c, ProjectFlags& f, const std::string& stack_help) {
  c.add_option("inputs", f.inputs, "a build directory (with infrac.manifest.json), or .infra sources to build first")
      ->required()
      ->type_name("DIR|FILE");
  add_aws_options(c, f.aws);
  c.add_option("--name-format", f.name_format, "stack names in AWS, with {stack} and {env} (default {stack})");
  c.add_option("--env", f.env, "the environment, for {env} in --name-format");
  c.add_option("--stack", f.only, stack_help)->type_name("NAME");
}

std::optional<DeployInput> load_project_input(const ProjectFlags& f, const CommandIo& io, int& status) {
  auto input = load_deploy_input(f.inputs, io, status);
  if (!input) return std::nullopt;
  for (const auto& name : f.only) {
    if (!input->project.find(name)) {
      io.err << "infrac: error: --stack `" << name << "`: the project has no such stack\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
  }
  return input;
}

void add_deploy_flags(CLI::App& c, DeployFlags& f, bool for_rebuild) {
  add_project_flags(c, f.project, "deploy only this infra stack (repeatable; default: every stack)");
  c.add_option("--params", f.params_file, "parameter values per stack, JSON or YAML: {\"<stack>\": {\"<Parameter>\": \"value\"}}")
      ->type_name("FILE");
  c.add_option("--role-arn", f.role_arn, "the CloudFormation service role to deploy with");
  c.add_option("--s3-bucket", f.s3_bucket, "bucket for templates over 51,200 bytes");
  c.add_flag("-y,--yes", f.yes, "do not ask for confirmation");
  c.add_option("--outputs-dir", f.outputs_dir,
               "where <stack>.outputs.json and infrac.outputs.yml go (default: the build directory, or . for sources)")
      ->type_name("DIR");
  c.add_option("--progress", f.progress, "progress on stderr: text (default), json (one object per line), none")
      ->check(CLI::IsMember({"text", "json", "none"}));
  c.add_option("--format", f.format, "the final report: text on stderr (default) or json on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  c.add_option("--stack-timeout", f.stack_timeout_minutes, "minutes to wait for one stack operation (default 120)")
      ->check(CLI::Range(1, 24 * 60));
  if (for_rebuild) return;
  c.add_option("--tag", f.tags, "a stack tag KEY=VALUE (repeatable)");
  c.add_option("--termination-protection", f.termination_protection, "on or off")->check(CLI::IsMember({"on", "off"}));
  c.add_option("--allow-update", f.allow_update,
               "let this update modify, replace or delete these resources (logical ids) despite the stack policy, "
               "for this update only")
      ->type_name("RESOURCE");
  c.add_flag("--recreate", f.recreate, "delete a stack left in ROLLBACK_COMPLETE or REVIEW_IN_PROGRESS, then create it");
  c.add_flag("--continue-rollback", f.continue_rollback, "continue the rollback of a stack in UPDATE_ROLLBACK_FAILED first");
}

std::optional<PreparedDeploy> prepare_deploy(const DeployFlags& f, const CommandIo& io, int& status) {
  auto input = load_project_input(f.project, io, status);
  if (!input) return std::nullopt;
  PreparedDeploy p{std::move(*input), {}, nullptr, nullptr, nullptr};
  deploy::DeployOptions& o = p.options;
  o.name_format = f.project.name_format;
  o.env = f.project.env;
  o.role_arn = f.role_arn;
  o.s3_bucket = f.s3_bucket;
  o.allow_update = f.allow_update;
  o.recreate = f.recreate;
  o.continue_rollback = f.continue_rollback;
  o.only = f.project.only;
  o.wait.deadline = std::chrono::minutes(f.stack_timeout_minutes);
  o.wait.cancelled = &interrupted();
  if (!f.termination_protection.empty()) o.termination_protection = f.termination_protection == "on";
  for (const auto& t : f.tags) {
    size_t eq = t.find('=');
    if (eq == std::string::npos || eq == 0) {
      io.err << "infrac: error: --tag `" << t << "` is not KEY=VALUE\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    o.tags.push_back({t.substr(0, eq), t.substr(eq + 1)});
  }
  for (const auto& r : f.allow_update) {
    bool found = false;
    for (const auto& s : p.input.project.stacks) found |= s.template_json.contains("Resources") && s.template_json["Resources"].contains(r);
    if (!found) {
      io.err << "infrac: error: --allow-update `" << r << "`: no stack of the project has a resource with that logical id\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
  }
  if (!f.params_file.empty()) {
    infrac::io::InputFile text;
    if (infrac::io::ReadProblem problem = infrac::io::read_input_file(f.params_file, 1u << 20, text)) {
      io.err << "infrac: error: cannot read `" << f.params_file << "`: " << problem.reason << "\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    auto parsed = deploy::parse_params_file(f.params_file, text.text);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      io.err << *problem << "\n";
      status = kExitUsageOrIo;
      return std::nullopt;
    }
    o.params = std::get<deploy::ParameterValues>(parsed);
    for (const auto& [stack, _] : o.params) {
      if (!p.input.project.find(stack)) {
        io.err << "infrac: error: " << f.params_file << ": `" << stack << "` is not a stack of the project\n";
        status = kExitUsageOrIo;
        return std::nullopt;
      }
    }
  }
  p.spec = load_resource_spec_or_warn(io);
  o.spec = p.spec.get();
  p.client = make_aws_client(f.project.aws, io.err);
  if (f.progress == "json") {
    p.sink = deploy::json_lines_sink(io.err);
  } else if (f.progress == "text") {
    p.sink = deploy::text_sink(io.err, use_colour("auto", io.env));
  } else {
    struct Silent : deploy::ProgressSink {
      void on(const deploy::ProgressEvent&) override {}
    };
    p.sink = std::make_unique<Silent>();
  }
  return p;
}

deploy::Confirm make_confirm(const DeployFlags& f, const CommandIo& io) {
  return [&f, &io](const std::string& stack, const std::string& plan) {
    if (f.yes) return true;
    if (!isatty(0)) {
      io.err << "infrac: not confirmed: no terminal to ask on; review the plan and pass --yes to deploy " << stack << "\n";
      return false;
    }
    if (f.progress == "none") io.err << plan;
    io.err << "Deploy these changes to " << stack << "? [y/N] ";
    io.err.flush();
    std::string answer;
    if (!std::getline(std::cin, answer)) return false;
    return answer == "y" || answer == "Y" || answer == "yes";
  };
}

namespace {

// Every text of a report redacted before it is written: the writer escapes a `"` or `\`
// in a secret, and the printed text would no longer hold the value the redactor knows.
void redact_texts(Json& value, const aws::Redactor& redactor) {
  if (value.is_string()) {
    value = redactor.redact(value.get<std::string>());
  } else if (value.is_structured()) {
    for (auto& item : value) redact_texts(item, redactor);
  }
}

}  // namespace

int finish_deploy(const DeployFlags& f, const PreparedDeploy& p, const deploy::DeployReport& report, const CommandIo& io,
                  const Json& extra, int gate_status) {
  const aws::Redactor& redactor = p.client->redactor();
  Json stacks = Json::array();
  for (const auto& s : report.stacks) {
    auto took = std::chrono::duration_cast<std::chrono::seconds>(s.finished - s.started);
    // Messages and reasons quote what AWS said, which may echo a NoEcho value.
    std::string summary = fmt::format("{}: {}{} in {}{}\n", s.stack, kind_name(s.kind), s.status.empty() ? "" : " (" + s.status + ")",
                                      duration_text(took), s.message.empty() || s.message == s.status ? "" : ": " + s.message);
    for (const auto& e : s.failures) summary += fmt::format("  {} ({}) {}: {}\n", e.logical_id, e.resource_type, e.status, e.reason);
    io.err << redactor.redact(summary);
    Json j;
    j["stack"] = s.stack;
    j["aws_name"] = s.aws_name;
    j["stack_id"] = s.stack_id;
    j["result"] = kind_name(s.kind);
    j["status"] = s.status;
    j["message"] = s.message;
    j["policy_updated"] = s.policy_updated;
    j["duration_seconds"] = took.count();
    Json failures = Json::array();
    for (const auto& e : s.failures)
      failures.push_back({{"resource", e.logical_id}, {"type", e.resource_type}, {"status", e.status}, {"reason", e.reason}});
    j["failures"] = failures;
    Json outputs = Json::object();
    for (const auto& o : s.outputs) outputs[o.key] = o.value;
    j["outputs"] = outputs;
    stacks.push_back(j);
  }
  int status = std::max(report.exit_status(), gate_status);
  // Outputs: of the stacks that are deployed, written all or none.
  std::string dir = !f.outputs_dir.empty() ? f.outputs_dir : (p.input.directory.empty() ? "." : p.input.directory);
  std::vector<OutputFile> files;
  for (const auto& o : deploy::render_outputs(report)) files.push_back({(std::filesystem::path(dir) / o.name).string(), o.contents});
  if (!files.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (std::string problem = write_all_or_nothing(files); !problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      status = std::max(status, kExitUsageOrIo);
    }
  }
  if (f.format == "json") {
    Json doc;
    doc["format"] = 1;
    doc["stacks"] = stacks;
    for (const auto& [k, v] : extra.items()) doc[k] = v;
    doc["exit_status"] = status;
    redact_texts(doc, redactor);  // the values; then the whole text, for what is secret by its place ("Token": ...)
    io.out << redactor.redact(doc.dump(2, ' ', false, Json::error_handler_t::replace)) << "\n";
  }
  return status;
}

}  // namespace infrac
