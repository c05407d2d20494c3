#pragma once
// What `infrac deploy` and `infrac rebuild` share: their flags, turning the flags
// into a project, a client and deploy options, asking for confirmation, and
// reporting (a summary on stderr, --format json on stdout, the outputs files).
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "cli/deploy_input.hpp"
#include "deploy/deploy.hpp"

namespace infrac {

// The flags of every command that works on a project's stacks in AWS (deploy, rebuild,
// inventory, fleet check): the build directory or sources, the AWS options, the stack
// naming (--name-format, --env), and --stack.
struct ProjectFlags {
  std::vector<std::string> inputs;
  AwsOptions aws;
  std::string name_format = "{stack}";
  std::string env;
  std::vector<std::string> only;  // --stack
};

void add_project_flags(CLI::App& command, ProjectFlags& flags, const std::string& stack_help);

// The project (sources built first), every --stack one of its stacks; nullopt: `status` says why.
std::optional<DeployInput> load_project_input(const ProjectFlags& flags, const CommandIo& io, int& status);

struct DeployFlags {
  ProjectFlags project;
  std::string params_file;
  std::string role_arn;
  std::vector<std::string> tags;  // KEY=VALUE
  std::string termination_protection;  // "", on, off
  std::vector<std::string> allow_update;
  std::string s3_bucket;
  bool yes = false;
  bool recreate = false;
  bool continue_rollback = false;
  std::string outputs_dir;
  std::string progress = "text";
  std::string format = "text";
  int stack_timeout_minutes = 120;
};

void add_deploy_flags(CLI::App& command, DeployFlags& flags, bool for_rebuild);

struct PreparedDeploy {
  DeployInput input;
  deploy::DeployOptions options;  // options.spec points into `spec`
  std::unique_ptr<aws::AwsClient> client;
  std::unique_ptr<deploy::ProgressSink> sink;
  std::unique_ptr<ResourceSpec> spec;  // null when none was found
};

// Loads the input (building sources first) and the resource specification, reads --params, makes the client. nullopt: `status` says why.
std::optional<PreparedDeploy> prepare_deploy(const DeployFlags& flags, const CommandIo& io, int& status);

// --yes, else a question on a terminal, else "no" with the reason.
deploy::Confirm make_confirm(const DeployFlags& flags, const CommandIo& io);

// Prints the summary, writes the outputs files, prints --format json (with `extra` merged in);
// returns the exit status.
int finish_deploy(const DeployFlags& flags, const PreparedDeploy& prepared, const deploy::DeployReport& report,
                  const CommandIo& io, const Json& extra, int gate_status = 0);

}  // namespace infrac
