#include "lsp/protocol.hpp"

#include <limits>

#include "lsp/uri.hpp"

namespace infrac::lsp {

const Json& field(const Json& object, const char* name) {
  if (!object.is_object()) throw RequestError(ErrorCode::InvalidParams, std::string("expected an object holding `") + name + "`");
  auto it = object.find(name);
  if (it == object.end()) throw RequestError(ErrorCode::InvalidParams, std::string("missing `") + name + "`");
  return *it;
}

std::string string_field(const Json& object, const char* name) {
  const Json& value = field(object, name);
  if (!value.is_string()) throw RequestError(ErrorCode::InvalidParams, std::string("`") + name + "` must be a string");
  return value.get<std::string>();
}

std::int64_t integer_field(const Json& object, const char* name) {
  const Json& value = field(object, name);
  if (!value.is_number_integer()) throw RequestError(ErrorCode::InvalidParams, std::string("`") + name + "` must be an integer");
  return value.get<std::int64_t>();
}

Position position_field(const Json& object, const char* name) {
  const Json& p = field(object, name);
  std::int64_t line = integer_field(p, "line");
  std::int64_t character = integer_field(p, "character");
  if (line < 0 || character < 0) throw RequestError(ErrorCode::InvalidParams, "a position cannot be negative");
  auto clamp = [](std::int64_t v) { return static_cast<std::uint32_t>(std::min<std::int64_t>(v, std::numeric_limits<std::uint32_t>::max())); };
  return {clamp(line), clamp(character)};
}

Range range_field(const Json& object, const char* name) {
  const Json& r = field(object, name);
  return {position_field(r, "start"), position_field(r, "end")};
}

std::string document_path(const Json& params) {
  std::string uri = string_field(field(params, "textDocument"), "uri");
  std::optional<std::string> path = uri_to_path(uri);
  if (!path) throw RequestError(ErrorCode::InvalidParams, "only file:// URIs are served, not `" + uri + "`");
  return *path;
}

Json to_json(const Position& p) { return {{"line", p.line}, {"character", p.character}}; }
Json to_json(const Range& r) { return {{"start", to_json(r.start)}, {"end", to_json(r.end)}}; }
Json location(const std::string& path, const Range& range) { return {{"uri", path_to_uri(path)}, {"range", to_json(range)}}; }

int lsp_severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Note: return 3;
  }
  return 1;
}

int lsp_symbol_kind(SymbolKind kind) {
  // LSP SymbolKind numbers.
  switch (kind) {
    case SymbolKind::Stack: return 2;            // Module
    case SymbolKind::Parameter: return 7;        // Property
    case SymbolKind::Mapping: return 19;         // Object
    case SymbolKind::Condition: return 17;       // Boolean
    case SymbolKind::Resource: return 5;         // Class
    case SymbolKind::Output: return 8;           // Field
    case SymbolKind::Let: return 14;             // Constant
    case SymbolKind::Component: return 12;       // Function
    case SymbolKind::ComponentParam: return 13;  // Variable
    case SymbolKind::Instance: return 19;        // Object
    case SymbolKind::LoopVariable: return 13;    // Variable
    case SymbolKind::File: return 1;             // File
  }
  return 13;
}

int lsp_completion_kind(CompletionKind kind) {
  switch (kind) {
    case CompletionKind::Keyword: return 14;
    case CompletionKind::Type: return 7;       // Class
    case CompletionKind::Property: return 10;  // Property
    case CompletionKind::Value: return 12;     // Value
    case CompletionKind::Name: return 6;       // Variable
    case CompletionKind::Function: return 3;   // Function
    case CompletionKind::Attribute: return 5;  // Field
  }
  return 1;
}

}  // namespace infrac::lsp
