// `infrac deploy`: create or update every stack of a project, in manifest order,
// with its stack policy in force at every moment (docs/deploy.md).
#include <memory>

#include "cli/deploy_flow.hpp"

namespace infrac {

Command add_deploy_command(CLI::App& app) {
  auto flags = std::make_shared<DeployFlags>();
  CLI::App* c = app.add_subcommand("deploy", "Create or update the stacks in AWS: plan, confirm, deploy, wait, write outputs");
  add_deploy_flags(*c, *flags, false);
  c->footer(
      "Exit status: 0 deployed or no changes, 1 the sources have errors, 2 usage or I/O, 4 not confirmed or refused\n"
      "(a busy stack), 5 AWS failed, rolled back or timed out.\n"
      "Examples:\n"
      "  infrac deploy out/rebuild --params params.yml --yes\n"
      "  infrac deploy examples/rebuild/ --name-format '{stack}-{env}' --env prod\n"
      "  infrac deploy out/rebuild --allow-update NetVpc     (a change the stack policy forbids, this once)");
  return {c, [flags](const CommandIo& io) {
            int status = 0;
            install_interrupt_handler();
            auto prepared = prepare_deploy(*flags, io, status);
            if (!prepared) return status;
            deploy::DeployReport report = deploy::deploy_project(*prepared->client, prepared->input.project, prepared->options,
                                                                 *prepared->sink, make_confirm(*flags, io));
            return finish_deploy(*flags, *prepared, report, io, Json::object());
          }};
}

}  // namespace infrac
