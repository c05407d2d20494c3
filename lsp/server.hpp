#pragma once
// The protocol layer: reads JSON-RPC messages from the transport, checks the
// lifecycle (initialize first, nothing after shutdown but exit), dispatches each
// method to its handler (handlers/, one file per method) and answers. Handlers
// speak to the Workspace (the feature API) in paths and byte offsets; the server
// converts positions in the negotiated encoding.
//
// Diagnostics: after an edit, the project is checked again once typing pauses
// (`debounce`). A check that is running when a newer edit arrives stops at the
// compiler's next step (CompileOptions::cancelled) and publishes nothing, since a
// newer check is already scheduled. `synchronous` checks at once, before the next
// message is read: tests use it to be deterministic.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <string>
#include <thread>

#include "lsp/protocol.hpp"
#include "lsp/transport.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {

struct ServerOptions {
  bool synchronous = false;
  std::chrono::milliseconds debounce{300};
  bool use_spec = true;
  // A specification already loaded, for the workspace to copy (WorkspaceOptions::spec).
  const ResourceSpec* spec = nullptr;
  // For tests, on the thread that runs a check: `check_step` at each point where it may be
  // cancelled (before the server asks whether it is), `check_done` when it ends.
  std::function<void()> check_step;
  std::function<void(bool cancelled)> check_done;
};

class Server {
 public:
  Server(Transport& transport, std::ostream& log, ServerOptions options);
  ~Server();

  // Serves until `exit` or the end of the input; returns the process's exit status
  // (0 after shutdown, 1 otherwise, as the protocol asks).
  int run();

  // For the handlers.
  Workspace& workspace() { return workspace_; }
  PositionEncoding encoding() const { return encoding_; }
  void set_encoding(PositionEncoding encoding) { encoding_ = encoding; }
  bool& shutdown_requested() { return shutdown_requested_; }
  bool& exit_requested() { return exit_requested_; }
  std::ostream& log() { return log_; }
  const ServerOptions& options() const { return options_; }

  // Byte offset <-> position in the current text of `path`.
  std::uint32_t offset(const std::string& path, Position position) const;
  // LSP's TextDocumentPositionParams (`textDocument.uri` and `position`), as a path and a byte offset.
  struct DocumentPosition {
    std::string path;
    std::uint32_t offset = 0;
  };
  DocumentPosition document_position(const Json& params) const;
  Range range(const std::string& path, std::uint32_t begin, std::uint32_t end) const;
  Json location(const FileRange& r) const;

  // Checks the project of `path` again (now, or once typing pauses), and the projects of the
  // other open files, which may import it or read it with file().
  void diagnostics_changed(const std::string& path);

 private:
  void dispatch(const Json& message);
  // Checks the project of `path` (with the lock held) and publishes.
  void publish(const std::string& path);
  // Publishes a check's result, unless a buffer it read has changed since (with the lock held).
  void publish(const std::string& path, ProjectDiagnostics result);
  void diagnostics_worker();
  // Runs the compiler on `buffers` for the project of `path`, stopping when an edit arrives.
  ProjectDiagnostics check(const Workspace& buffers, const std::string& path);

  Transport& transport_;
  std::ostream& log_;
  ServerOptions options_;
  Workspace workspace_;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exit_requested_ = false;

  std::mutex mutex_;  // the workspace, between the reader and the diagnostics worker
  std::condition_variable wake_;
  struct Pending {
    std::string path;  // a file of the project
    std::chrono::steady_clock::time_point when;
  };
  std::map<std::string, Pending> pending_;  // project directory -> what to check, when
  std::map<std::string, std::map<std::string, Json>> said_;
  std::atomic<std::uint64_t> edits_{0};  // every edit; a running check started at an older count is stale  // project dir -> file -> its diagnostics there (non-empty)
  bool stopping_ = false;
  std::thread worker_;
};

// Handlers: a request returns its result or throws RequestError; a notification returns nothing.
using RequestHandler = std::function<Json(Server&, const Json& params)>;
using NotificationHandler = std::function<void(Server&, const Json& params)>;

}  // namespace infrac::lsp
