#pragma once
// JSON-RPC messages framed by `Content-Length` headers, as the Language Server
// Protocol sends them over stdio. Reading never trusts its input: a malformed
// header block is skipped, a length over the limit is refused without reading
// the body into memory, and a body that is not JSON is reported as such, so that
// the server can answer with a parse error and read on.
#include <cstddef>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

namespace infrac::lsp {

using Json = nlohmann::json;

struct Incoming {
  enum class Kind {
    Message,      // `message` holds the parsed JSON
    InvalidJson,  // the body was read but is not JSON: answer with a parse error
    BadFrame,     // the headers were unusable and skipped; `problem` says why
    End,          // the input ended
  };
  Kind kind = Kind::End;
  Json message;
  std::string problem;
};

// Bodies larger than this are refused (an editor's largest message is a whole file).
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024 * 1024;

class Transport {
 public:
  Transport(std::istream& in, std::ostream& out, std::size_t max_message_bytes = kMaxMessageBytes)
      : in_(in), out_(out), max_bytes_(max_message_bytes) {}

  // Blocks until a whole message (or the end of the input) has been read.
  Incoming read();
  // Writes one framed message; safe to call from several threads.
  void write(const Json& message);

 private:
  std::istream& in_;
  std::ostream& out_;
  std::size_t max_bytes_;
  std::mutex write_mutex_;
};

}  // namespace infrac::lsp
