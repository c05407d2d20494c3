#pragma once
// The LSP types this server speaks, as JSON (nlohmann), and their conversion from the
// workspace API's types (paths and byte offsets) at the protocol edge. Reading a
// field that is missing or of the wrong type throws RequestError(InvalidParams),
// which the server answers; nothing a client sends can crash it.
#include <optional>
#include <stdexcept>
#include <string>

#include "lsp/positions.hpp"
#include "lsp/transport.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {

// JSON-RPC and LSP error codes.
enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
};

struct RequestError : std::runtime_error {
  RequestError(ErrorCode code, const std::string& message) : std::runtime_error(message), code(code) {}
  ErrorCode code;
};

// Field access that reports a malformed message instead of throwing nlohmann's exceptions.
const Json& field(const Json& object, const char* name);
std::string string_field(const Json& object, const char* name);
std::int64_t integer_field(const Json& object, const char* name);
Position position_field(const Json& object, const char* name);
Range range_field(const Json& object, const char* name);
// The path of `params.textDocument.uri`.
std::string document_path(const Json& params);

Json to_json(const Position& p);
Json to_json(const Range& r);
Json location(const std::string& path, const Range& range);

int lsp_severity(Severity severity);
int lsp_symbol_kind(SymbolKind kind);
int lsp_completion_kind(CompletionKind kind);

}  // namespace infrac::lsp
