#pragma once
// The `infrac` command line, callable in-process so tests drive the real entry point.
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace infrac {

struct CliEnvironment {
  bool stderr_is_terminal = false;
  bool stdout_is_terminal = false;  // diff prints its report on stdout
  bool no_color = false;  // NO_COLOR is set
  // Set by main(), which ends the process right after the command: what a command puts
  // here is never destroyed, as clang's driver does not free its AST (-disable-free).
  // Freeing a 500-resource compilation's hundred thousand allocations one by one was
  // 6 % of its build (bench/README.md). Unset when tests run commands in-process.
  std::vector<std::shared_ptr<const void>>* kept_until_exit = nullptr;
};

// Returns the exit status (cli/command.hpp lists them).
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnvironment& env);

}  // namespace infrac
