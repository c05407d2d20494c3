#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  infrac::CliEnvironment env;
  env.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  env.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  env.no_color = no_color != nullptr && *no_color != '\0';
  return infrac::run_cli(args, std::cout, std::cerr, env);
}
