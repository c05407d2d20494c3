#include "support/cli_capture.hpp"

#include <sstream>

#include "cli/cli.hpp"

namespace infrac::test {

CliResult run_infrac(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  CliEnvironment environment;
  environment.stderr_is_terminal = false;
  environment.no_color = true;
  int status = run_cli(args, out, err, environment);
  return {status, out.str(), err.str()};
}

std::string command_line(const std::vector<std::string>& args) {
  std::string text = "infrac";
  for (const std::string& arg : args) text += " " + arg;
  return text;
}

}  // namespace infrac::test
