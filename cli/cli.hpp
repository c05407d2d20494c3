#pragma once
// The `infrac` command line, callable in-process so tests drive the real entry point.
#include <iosfwd>
#include <string>
#include <vector>

namespace infrac {

struct CliEnvironment {
  bool stderr_is_terminal = false;
  bool stdout_is_terminal = false;  // diff prints its report on stdout
  bool no_color = false;  // NO_COLOR is set
};

// Returns the exit status (cli/command.hpp lists them).
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnvironment& env);

}  // namespace infrac
