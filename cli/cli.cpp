#include "cli/cli.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iterator>
#include <ostream>
#include <string_view>

#include "cli/command.hpp"

#ifndef INFRAC_VERSION
#define INFRAC_VERSION "0.0.0"
#endif

namespace infrac {
namespace {

const char* kDescription =
    "infrac compiles .infra files into CloudFormation templates and stack policies.\n\n"
    "Each `stack NAME { ... }` in the input becomes NAME.template.json and NAME.policy.json;\n"
    "infrac.manifest.json beside them lists the stacks, their deploy order and wiring.\n"
    "Exit status: 0 success, 1 the input has errors, 2 usage or I/O problem,\n"
    "3 diff --exit-code found changes or fmt --check files to format,\n"
    "4 a gate refused (diff --fail-on, a declined confirmation, a refused rebuild, fleet check),\n"
    "5 AWS failed.\n\n"
    "Examples:\n"
    "  infrac build examples/rebuild/ -o out/rebuild\n"
    "  infrac check app.infra network.infra\n"
    "  infrac check --diagnostics-format json app.infra\n"
    "  infrac diff --rev origin/main examples/rebuild/ --fail-on deny\n";

// Every command by the name it is run as, in the order `infrac --help` lists them.
struct CommandEntry {
  std::string_view name;
  Command (*add)(CLI::App&);
};
constexpr CommandEntry kCommands[] = {
    {"build", add_build_command},   {"check", add_check_command}, {"deploy", add_deploy_command},
    {"rebuild", add_rebuild_command}, {"diff", add_diff_command},   {"fmt", add_fmt_command},
    {"import", add_import_command}, {"lsp", add_lsp_command},     {"inventory", add_inventory_command},
    {"fleet", add_fleet_command},
};

bool is_command(std::string_view name) {
  return std::any_of(std::begin(kCommands), std::end(kCommands), [&](const CommandEntry& c) { return c.name == name; });
}

// Registers the command `named`, or every command when none is named (`infrac --help`).
// CLI11 checks each new option against those already there: registering all ten
// commands' options cost 2M instructions, a third of a one-resource build.
std::vector<Command> add_commands(CLI::App& app, std::string_view named) {
  std::vector<Command> commands;
  for (const auto& c : kCommands) {
    if (named.empty() || c.name == named) commands.push_back(c.add(app));
  }
  return commands;
}

// CLI11 lets a repeatable option take every word after it up to the next option, so
// `deploy --stack app examples/rebuild/ --yes` read the project as a stack name. Each
// named option of every command takes one value per use; only positionals take many.
void one_value_per_option(CLI::App& app) {
  for (CLI::Option* option : app.get_options()) {
    if (option->nonpositional()) option->allow_extra_args(false);
  }
  for (CLI::App* sub : app.get_subcommands({})) one_value_per_option(*sub);
}

}  // namespace

bool use_colour(const std::string& color_option, const CliEnvironment& env) {
  if (color_option == "always") return true;
  if (color_option == "never") return false;
  return env.stderr_is_terminal && !env.no_color;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnvironment& env) {
  CLI::App app{kDescription, "infrac"};
  app.set_version_flag("--version", std::string("infrac ") + INFRAC_VERSION);
  app.require_subcommand(1);
  app.footer("Run `infrac COMMAND --help` for the options of a command. The language: grammar/REFERENCE.md");
  const bool names_a_command = !args.empty() && !args[0].empty() && args[0][0] != '-';
  if (names_a_command && !is_command(args[0])) {
    std::string names;
    for (const auto& c : kCommands) names += (names.empty() ? "`" : ", `") + std::string(c.name) + "`";
    err << "infrac: error: unknown command `" << args[0] << "`; the commands are " << names << " (see `infrac --help`)\n";
    return kExitUsageOrIo;
  }
  std::vector<Command> commands = add_commands(app, names_a_command ? std::string_view(args[0]) : std::string_view());
  one_value_per_option(app);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" to CLI11 that exit 0.
    int status = app.exit(e, out, err);
    return status == 0 ? kExitOk : kExitUsageOrIo;
  }
  CommandIo io{out, err, env};
  for (const auto& c : commands) {
    if (c.app->parsed()) return c.run(io);
  }
  return kExitUsageOrIo;
}

}  // namespace infrac
