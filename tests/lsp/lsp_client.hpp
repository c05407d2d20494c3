#pragma once
// A scripted LSP client for the tests: runs `infrac lsp` as a child process on pipes (or
// a server function on a thread of the test, with the same pipes), writes framed messages
// (or raw bytes) and reads framed messages with a deadline, so that a server that hangs
// fails the test instead of blocking it.
#include <atomic>
#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace infrac::test {

class LspProcess {
 public:
  explicit LspProcess(const std::vector<std::string>& argv);
  // The server in this process, on a thread: `serve` reads the client's messages from its
  // istream and writes to its ostream (pipes); it returns the exit status.
  explicit LspProcess(std::function<int(std::istream&, std::ostream&)> serve);
  ~LspProcess();
  LspProcess(const LspProcess&) = delete;
  LspProcess& operator=(const LspProcess&) = delete;

  void send(const nlohmann::json& message);
  void send_raw(const std::string& bytes);
  // The next message, or nothing when the server closed its output or the deadline passed
  // (`timed_out` says which).
  std::optional<nlohmann::json> receive(std::chrono::milliseconds deadline, bool& timed_out);
  // Closes the server's input and waits for it to end; its exit status (-1 if killed).
  int finish(std::chrono::milliseconds deadline);
  // What the server wrote on stdout that is not a message (must stay empty).
  const std::string& stray_output() const { return stray_; }

 private:
  bool fill(std::chrono::steady_clock::time_point until, bool& timed_out);
  int pid_ = -1;
  std::thread thread_;
  std::shared_ptr<std::atomic<int>> thread_status_;  // -2 while the thread runs
  int in_ = -1;   // the server's stdin
  int out_ = -1;  // the server's stdout
  std::string buffer_;
  std::string stray_;
};

// True when every key of `expected` is in `actual` with a matching value (objects
// recursively, arrays element by element and of the same length, scalars equal).
// `why` says where the first mismatch is.
bool json_matches(const nlohmann::json& expected, const nlohmann::json& actual, std::string& why, const std::string& at = "");

}  // namespace infrac::test
