#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  infrac::CliEnvironment env;
  env.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  env.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  env.no_color = no_color != nullptr && *no_color != '\0';
  std::vector<std::shared_ptr<const void>> kept;
  env.kept_until_exit = &kept;
  int status = infrac::run_cli(args, std::cout, std::cerr, env);
  // exit(), not return: `kept` is never destroyed (CliEnvironment::kept_until_exit), while
  // the streams are still flushed and still reachable from here for a leak checker.
  std::exit(status);
}
