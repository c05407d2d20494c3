#pragma once
// Running a peer tool (cfn-lint) from a test.
#include <string>

namespace infrac::test {

struct Process {
  int status = -1;  // exit status, -1 when killed or not started
  std::string output;
};

// Runs `command` through /bin/sh and returns its exit status and stdout (callers add 2>&1).
Process run_shell(const std::string& command);

// `text` as one single-quoted shell word.
std::string shell_quote(const std::string& text);

}  // namespace infrac::test
