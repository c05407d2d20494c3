#pragma once
// Runs the real `infrac` entry point in-process with colour off and captures its output.
#include <string>
#include <vector>

namespace infrac::test {

struct CliResult {
  int status = 0;
  std::string out;
  std::string err;
};

CliResult run_infrac(const std::vector<std::string>& args);

// "infrac build golden/x.infra -o /tmp/..." for failure messages.
std::string command_line(const std::vector<std::string>& args);

}  // namespace infrac::test
