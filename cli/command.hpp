#pragma once
// One subcommand of `infrac`: each command file registers its options on the
// parent CLI11 app and returns how to run once the command line is parsed.
// cli.cpp lists the commands; a new command is a new file and one line there.
#include <CLI/CLI.hpp>

#include <functional>
#include <iosfwd>

#include "cli/cli.hpp"

namespace infrac {

// Exit statuses shared by every command (../shared/DECISIONS.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsageOrIo = 2;
inline constexpr int kExitChanges = 3;   // diff --exit-code: there are changes; fmt --check: files need formatting
inline constexpr int kExitRefused = 4;   // a gate refused (diff --fail-on, rebuild, fleet check, a declined confirmation)
inline constexpr int kExitAwsFailed = 5; // AWS said no or failed

struct CommandIo {
  std::ostream& out;
  std::ostream& err;
  const CliEnvironment& env;
};

struct Command {
  CLI::App* app = nullptr;                   // the subcommand, owned by the parent app
  std::function<int(const CommandIo&)> run;  // called when `app` was parsed
};

// Whether diagnostics and other human output on stderr get colour.
bool use_colour(const std::string& color_option, const CliEnvironment& env);

Command add_build_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_deploy_command(CLI::App& app);
Command add_rebuild_command(CLI::App& app);
Command add_diff_command(CLI::App& app);
Command add_fmt_command(CLI::App& app);
Command add_import_command(CLI::App& app);
Command add_lsp_command(CLI::App& app);
Command add_inventory_command(CLI::App& app);
Command add_fleet_command(CLI::App& app);

}  // namespace infrac
