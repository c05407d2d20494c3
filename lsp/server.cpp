#include "lsp/server.hpp"

#include <algorithm>
#include <filesystem>

#include "lsp/handlers/handlers.hpp"
#include "lsp/uri.hpp"

namespace infrac::lsp {
namespace {

const std::map<std::string, RequestHandler>& requests() {
  static const std::map<std::string, RequestHandler> table = {
      {"initialize", handlers::initialize},
      {"shutdown", handlers::shutdown},
      {"textDocument/hover", handlers::hover},
      {"textDocument/definition", handlers::definition},
      {"textDocument/references", handlers::references},
      {"textDocument/completion", handlers::completion},
      {"textDocument/documentSymbol", handlers::document_symbol},
      {"textDocument/prepareRename", handlers::prepare_rename},
      {"textDocument/rename", handlers::rename},
      {"textDocument/codeAction", handlers::code_action},
      {"textDocument/formatting", handlers::formatting},
      {"textDocument/rangeFormatting", handlers::range_formatting},
  };
  return table;
}

const std::map<std::string, NotificationHandler>& notifications() {
  static const std::map<std::string, NotificationHandler> table = {
      {"initialized", handlers::initialized},
      {"exit", handlers::exit},
      {"textDocument/didOpen", handlers::did_open},
      {"textDocument/didChange", handlers::did_change},
      {"textDocument/didClose", handlers::did_close},
      {"textDocument/didSave", handlers::did_save},
  };
  return table;
}

Json error_response(const Json& id, ErrorCode code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

std::string project_of(const std::string& path) { return std::filesystem::path(normal_path(path)).parent_path().generic_string(); }

}  // namespace

Server::Server(Transport& transport, std::ostream& log, ServerOptions options)
    : transport_(transport), log_(log), options_(options), workspace_(WorkspaceOptions{options.use_spec, options.spec}) {
  if (!options_.synchronous) worker_ = std::thread([this] { diagnostics_worker(); });
}

Server::~Server() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

int Server::run() {
  for (;;) {
    Incoming in = transport_.read();
    switch (in.kind) {
      case Incoming::Kind::End:
        return exit_requested_ && shutdown_requested_ ? 0 : 1;
      case Incoming::Kind::BadFrame:
        log_ << "infrac lsp: skipped a message: " << in.problem << "\n";
        continue;
      case Incoming::Kind::InvalidJson:
        transport_.write(error_response(nullptr, ErrorCode::ParseError, in.problem));
        continue;
      case Incoming::Kind::Message:
        dispatch(in.message);
        break;
    }
    if (exit_requested_) return shutdown_requested_ ? 0 : 1;
  }
}

void Server::dispatch(const Json& message) {
  bool valid_id = message.is_object() && message.contains("id") &&
                  (message["id"].is_string() || message["id"].is_number_integer() || message["id"].is_null());
  Json id = valid_id ? message["id"] : Json(nullptr);
  if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
    // A response to a request we never sent, or garbage: only a request with an id gets an answer.
    if (message.is_object() && (message.contains("result") || message.contains("error"))) return;
    transport_.write(error_response(id, ErrorCode::InvalidRequest, "not a JSON-RPC request or notification"));
    return;
  }
  std::string method = message["method"];
  Json params = message.contains("params") ? message["params"] : Json::object();
  bool is_request = message.contains("id");
  if (is_request && !valid_id) {
    transport_.write(error_response(nullptr, ErrorCode::InvalidRequest, "a request id must be a number or a string"));
    return;
  }

  if (!is_request) {
    auto it = notifications().find(method);
    if (it == notifications().end()) return;  // unknown notifications ($/cancelRequest, ...) are ignored
    if (!initialized_ && method != "exit") return;
    try {
      std::lock_guard lock(mutex_);
      it->second(*this, params);
    } catch (const std::exception& e) {
      log_ << "infrac lsp: " << method << ": " << e.what() << "\n";
    }
    if (options_.synchronous) {
      // Publish what the edit changed before reading the next message.
      std::map<std::string, Pending> due;
      {
        std::lock_guard lock(mutex_);
        due.swap(pending_);
      }
      for (const auto& [project, check] : due) {
        std::lock_guard lock(mutex_);
        publish(check.path);
      }
    }
    return;
  }

  auto it = requests().find(method);
  if (method == "initialize" && initialized_) {
    transport_.write(error_response(id, ErrorCode::InvalidRequest, "the server is already initialized"));
    return;
  }
  if (!initialized_ && method != "initialize") {
    transport_.write(error_response(id, ErrorCode::ServerNotInitialized, "the server is not initialized"));
    return;
  }
  if (shutdown_requested_) {
    transport_.write(error_response(id, ErrorCode::InvalidRequest, "the server is shutting down"));
    return;
  }
  if (it == requests().end()) {
    transport_.write(error_response(id, ErrorCode::MethodNotFound, "unknown method `" + method + "`"));
    return;
  }
  try {
    Json result;
    {
      std::lock_guard lock(mutex_);
      result = it->second(*this, params);
    }
    if (method == "initialize") initialized_ = true;
    transport_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
  } catch (const RequestError& e) {
    transport_.write(error_response(id, e.code, e.what()));
  } catch (const std::exception& e) {
    transport_.write(error_response(id, ErrorCode::InternalError, e.what()));
  }
}

std::uint32_t Server::offset(const std::string& path, Position position) const {
  std::optional<std::string> text = workspace_.text(path);
  if (!text) throw RequestError(ErrorCode::RequestFailed, "cannot read `" + path + "`");
  return LineIndex(*text, encoding_).offset(position);
}

Server::DocumentPosition Server::document_position(const Json& params) const {
  std::string path = document_path(params);
  std::uint32_t at = offset(path, position_field(params, "position"));
  return {std::move(path), at};
}

Range Server::range(const std::string& path, std::uint32_t begin, std::uint32_t end) const {
  std::optional<std::string> text = workspace_.text(path);
  if (!text) return {};
  return LineIndex(*text, encoding_).range(begin, end);
}

Json Server::location(const FileRange& r) const { return lsp::location(r.path, range(r.path, r.begin, r.end)); }

void Server::diagnostics_changed(const std::string& path) {
  // Called with mutex_ held (from a handler).
  ++edits_;
  auto when = std::chrono::steady_clock::now() + options_.debounce;
  pending_[project_of(path)] = {normal_path(path), when};
  for (const auto& open : workspace_.open_paths()) {
    auto it = pending_.try_emplace(project_of(open), Pending{open, when}).first;
    it->second.when = when;
  }
  wake_.notify_all();
}

void Server::publish(const std::string& path) { publish(path, check(workspace_, path)); }

ProjectDiagnostics Server::check(const Workspace& buffers, const std::string& path) {
  std::uint64_t started = edits_;
  ProjectDiagnostics result = buffers.diagnose(path, [&] {
    if (options_.check_step) options_.check_step();
    return edits_ != started;
  });
  if (options_.check_done) options_.check_done(result.cancelled);
  return result;
}

void Server::publish(const std::string& path, ProjectDiagnostics result) {
  if (result.cancelled) {
    log_ << "infrac lsp: the check of `" << path << "` was cancelled by a newer edit\n";
    return;
  }
  // A buffer changed while the check ran (on the worker, without the lock): a newer check is
  // pending, and this result, for an old version, is dropped.
  for (const auto& [file, version] : result.versions) {
    const Document* d = workspace_.document(file);
    if (!d || d->version != version) return;
  }
  // A file may be checked by several projects (a library file that two projects import, whose
  // problems show where it is instantiated): what is published for a file is what every
  // project says about it. Every file this check covers is published (an empty list clears
  // it), and so is one this project said something about before and no longer covers
  // (deleted and closed, an import removed).
  std::map<std::string, Json>& said = said_[project_of(path)];
  std::set<std::string> files;
  for (const auto& [file, list] : said) files.insert(file);
  said.clear();
  for (const auto& [file, list] : result.files) {
    files.insert(file);
    if (list.empty()) continue;
    std::optional<std::string> text = workspace_.text(file);
    std::string empty;
    LineIndex index(text ? *text : empty, encoding_);
    Json diagnostics = Json::array();
    for (const FileDiagnostic& d : list) {
      Json item = {{"range", to_json(index.range(d.begin, d.end))}, {"severity", lsp_severity(d.severity)}, {"source", "infrac"}};
      std::string message = d.message;
      Json related = Json::array();
      for (const auto& note : d.notes) {
        if (note.at) {
          related.push_back({{"location", location(*note.at)}, {"message", note.message}});
        } else {
          message += "\nnote: " + note.message;
        }
      }
      item["message"] = message;
      if (!related.empty()) item["relatedInformation"] = related;
      if (d.did_you_mean) item["data"] = {{"didYouMean", *d.did_you_mean}};
      diagnostics.push_back(item);
    }
    said[file] = std::move(diagnostics);
  }
  for (const auto& file : files) {
    Json diagnostics = Json::array();
    for (const auto& [project, by_file] : said_) {
      auto it = by_file.find(file);
      if (it == by_file.end()) continue;
      for (const auto& d : it->second) {
        if (std::find(diagnostics.begin(), diagnostics.end(), d) == diagnostics.end()) diagnostics.push_back(d);
      }
    }
    Json params = {{"uri", path_to_uri(file)}, {"diagnostics", diagnostics}};
    if (const Document* d = workspace_.document(file)) params["version"] = d->version;
    transport_.write({{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", params}});
  }
}

void Server::diagnostics_worker() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) return;
    if (pending_.empty()) {
      wake_.wait(lock);
      continue;
    }
    auto next = pending_.begin();
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
      if (it->second.when < next->second.when) next = it;
    }
    if (std::chrono::steady_clock::now() < next->second.when) {
      wake_.wait_until(lock, next->second.when);  // an edit meanwhile moves the deadline
      continue;
    }
    std::string path = next->second.path;
    pending_.erase(next);
    try {
      // The compiler runs on a copy of the buffers, without the lock: requests are answered
      // meanwhile, and edits go on (making this result stale).
      Workspace buffers = workspace_.buffers_only();
      lock.unlock();
      ProjectDiagnostics result = check(buffers, path);
      lock.lock();
      publish(path, std::move(result));
    } catch (const std::exception& e) {
      if (!lock.owns_lock()) lock.lock();
      log_ << "infrac lsp: diagnostics: " << e.what() << "\n";
    }
  }
}

}  // namespace infrac::lsp
