#include "support/emulator.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "support/process.hpp"

namespace infrac::test {

Emulator::Emulator() {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    std::string script = std::string(INFRAC_SOURCE_DIR) + "/tests/aws/emulator.py";
    execlp("python3", "python3", script.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  stdin_fd_ = in[1];
  FILE* from = fdopen(out[0], "r");
  char line[512];
  if (from && fgets(line, sizeof line, from)) {
    std::istringstream words(line);
    std::string ready;
    words >> ready >> proxy_url_ >> moto_url_;
    if (ready != "READY") proxy_url_.clear();
  }
  if (from) fclose(from);
}

Emulator::~Emulator() {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the emulator stops when its input closes
  if (pid_ > 0) {
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      usleep(50000);
    }
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

std::string Emulator::control(const std::string& json) const {
  return run_shell("curl -s -X POST --data-binary " + shell_quote(json) + " " + proxy_url_ + "/__control").output;
}

std::string Emulator::log() const { return run_shell("curl -s " + proxy_url_ + "/__control/log").output; }

}  // namespace infrac::test
