#include "support/process.hpp"

#include <sys/wait.h>

#include <cstdio>

namespace infrac::test {

Process run_shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed for: " + command};
  Process process;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) process.output.append(buffer, n);
  int status = pclose(pipe);
  process.status = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return process;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace infrac::test
