#include "lsp/lsp_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ext/stdio_filebuf.h>

#include <cstring>
#include <stdexcept>
#include <thread>

namespace infrac::test {

LspProcess::LspProcess(const std::vector<std::string>& argv) {
  int to_child[2], from_child[2];
  if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(to_child[0], 0);
    dup2(from_child[1], 1);
    close(to_child[0]);
    close(to_child[1]);
    close(from_child[0]);
    close(from_child[1]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(to_child[0]);
  close(from_child[1]);
  in_ = to_child[1];
  out_ = from_child[0];
  signal(SIGPIPE, SIG_IGN);  // a server that died must fail the test, not kill it
}

LspProcess::LspProcess(std::function<int(std::istream&, std::ostream&)> serve) {
  int to_server[2], from_server[2];
  if (pipe(to_server) != 0 || pipe(from_server) != 0) throw std::runtime_error("pipe failed");
  in_ = to_server[1];
  out_ = from_server[0];
  signal(SIGPIPE, SIG_IGN);
  thread_status_ = std::make_shared<std::atomic<int>>(-2);
  thread_ = std::thread([serve = std::move(serve), in = to_server[0], out = from_server[1], status = thread_status_] {
    int result = -1;
    {
      // The buffers own the descriptors: the client sees the end of output when they go.
      __gnu_cxx::stdio_filebuf<char> in_buffer(in, std::ios::in), out_buffer(out, std::ios::out);
      std::istream input(&in_buffer);
      std::ostream output(&out_buffer);
      result = serve(input, output);
      output.flush();
    }
    *status = result;
  });
}

LspProcess::~LspProcess() {
  if (in_ >= 0) close(in_);
  if (thread_.joinable()) thread_.join();  // the server ends at the end of its input
  if (out_ >= 0) close(out_);
  if (pid_ > 0) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
}

void LspProcess::send_raw(const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(in_, bytes.data() + written, bytes.size() - written);
    if (n <= 0) return;  // the server closed its input: the next receive says so
    written += static_cast<std::size_t>(n);
  }
}

void LspProcess::send(const nlohmann::json& message) {
  std::string body = message.dump();
  send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

bool LspProcess::fill(std::chrono::steady_clock::time_point until, bool& timed_out) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now()).count();
  if (left <= 0) {
    timed_out = true;
    return false;
  }
  pollfd p{out_, POLLIN, 0};
  int ready = poll(&p, 1, static_cast<int>(left));
  if (ready <= 0) {
    timed_out = ready == 0;
    return false;
  }
  char chunk[65536];
  ssize_t n = read(out_, chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<nlohmann::json> LspProcess::receive(std::chrono::milliseconds deadline, bool& timed_out) {
  timed_out = false;
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    std::size_t header_end = buffer_.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      const std::string prefix = "Content-Length: ";
      if (buffer_.compare(0, prefix.size(), prefix) != 0) {
        stray_ += buffer_.substr(0, header_end + 4);
        buffer_.erase(0, header_end + 4);
        continue;
      }
      std::size_t length = std::stoul(buffer_.substr(prefix.size(), header_end - prefix.size()));
      if (buffer_.size() >= header_end + 4 + length) {
        std::string body = buffer_.substr(header_end + 4, length);
        buffer_.erase(0, header_end + 4 + length);
        return nlohmann::json::parse(body);
      }
    }
    if (!fill(until, timed_out)) {
      stray_ += buffer_;
      buffer_.clear();
      return std::nullopt;
    }
  }
}

int LspProcess::finish(std::chrono::milliseconds deadline) {
  if (in_ >= 0) close(in_);
  in_ = -1;
  auto until = std::chrono::steady_clock::now() + deadline;
  if (thread_.joinable()) {
    while (*thread_status_ == -2 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (*thread_status_ == -2) return -1;
    thread_.join();
    return *thread_status_;
  }
  int status = 0;
  while (std::chrono::steady_clock::now() < until) {
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

bool json_matches(const nlohmann::json& expected, const nlohmann::json& actual, std::string& why, const std::string& at) {
  if (expected.is_object()) {
    if (!actual.is_object()) {
      why = at + ": expected an object, got " + actual.dump();
      return false;
    }
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        why = at + "/" + key + ": missing in " + actual.dump();
        return false;
      }
      if (!json_matches(value, actual[key], why, at + "/" + key)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) {
      why = at + ": expected " + std::to_string(expected.size()) + " items, got " + actual.dump();
      return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!json_matches(expected[i], actual[i], why, at + "/" + std::to_string(i))) return false;
    }
    return true;
  }
  if (expected != actual) {
    why = at + ": expected " + expected.dump() + ", got " + actual.dump();
    return false;
  }
  return true;
}

}  // namespace infrac::test
