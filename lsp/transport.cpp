#include "lsp/transport.hpp"

#include "io/number.hpp"

namespace infrac::lsp {
namespace {

// Header lines longer than this are garbage, not headers.
constexpr std::size_t kMaxHeaderLine = 4096;

// Reads one line ending in "\r\n" (or "\n"); false at the end of the input.
// A line over the limit is consumed to its end; only its tail is kept, marked `too_long`.
bool read_line(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf* buffer = in.rdbuf();
  for (;;) {
    int ch = buffer->sbumpc();
    if (ch == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (ch == '\n') break;
    line.push_back(static_cast<char>(ch));
    if (line.size() > 2 * kMaxHeaderLine) {
      line.erase(0, kMaxHeaderLine);  // keep the tail: a header may follow a body on this line
      too_long = true;
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::size_t find_content_length(const std::string& line) {
  std::string lower(line);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("content-length:");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Incoming Transport::read() {
  for (;;) {
    // Headers: up to an empty line. Lines that are not `Name: value` make the block unusable.
    std::optional<std::size_t> length;
    std::string problem;
    std::string line;
    bool too_long = false;
    bool any_header = false;
    for (;;) {
      if (!read_line(in_, line, too_long)) return {Incoming::Kind::End, {}, {}};
      if (line.empty() && !too_long) {
        if (any_header) break;
        continue;  // blank lines between messages are tolerated
      }
      any_header = true;
      // After a refused frame, what follows a body without a newline is the next message's
      // header on the same line: resynchronise there, forgetting the garbage before it.
      if (std::size_t at = find_content_length(line); at != 0 && at != std::string::npos) {
        line.erase(0, at);
        problem.clear();
        too_long = false;
      }
      std::size_t colon = line.find(':');
      if (too_long || colon == std::string::npos) {
        problem = "a header line that is not `Name: value`";
        continue;
      }
      std::string_view name = trim(std::string_view(line).substr(0, colon));
      std::string_view value = trim(std::string_view(line).substr(colon + 1));
      if (!iequals(name, "Content-Length")) continue;  // Content-Type and others are ignored
      if (auto n = io::parse_integer<std::size_t>(value)) {
        length = *n;
      } else {
        problem = "a Content-Length that is not a number";
      }
    }
    if (problem.empty() && !length) problem = "no Content-Length header";
    if (problem.empty() && *length > max_bytes_) {
      // The body is not read into memory: what follows is read as the next header block,
      // which skips the body's lines, since they are not headers.
      problem = "a Content-Length over the limit of " + std::to_string(max_bytes_) + " bytes";
    }
    if (!problem.empty()) return {Incoming::Kind::BadFrame, {}, problem};

    std::string body(*length, '\0');
    in_.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(in_.gcount()) != *length) return {Incoming::Kind::End, {}, "the input ended inside a message"};
    Json message = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded()) return {Incoming::Kind::InvalidJson, {}, "the message is not JSON"};
    return {Incoming::Kind::Message, std::move(message), {}};
  }
}

void Transport::write(const Json& message) {
  // Invalid UTF-8 in a string is replaced rather than thrown about.
  std::string body = message.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::lock_guard lock(write_mutex_);
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace infrac::lsp
