// `initialize`: negotiate the position encoding and say what this server can do.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json initialize(Server& server, const Json& params) {
  // UTF-16 unless the client offers UTF-8 (LSP 3.17 general.positionEncodings), which costs nothing to count.
  std::string encoding = "utf-16";
  if (params.is_object() && params.contains("capabilities") && params["capabilities"].is_object()) {
    const Json& caps = params["capabilities"];
    if (caps.contains("general") && caps["general"].is_object() && caps["general"].contains("positionEncodings") &&
        caps["general"]["positionEncodings"].is_array()) {
      for (const auto& e : caps["general"]["positionEncodings"]) {
        if (e == "utf-8") encoding = "utf-8";
      }
    }
  }
  server.set_encoding(encoding == "utf-8" ? PositionEncoding::Utf8 : PositionEncoding::Utf16);
  return {
      {"capabilities",
       {
           {"positionEncoding", encoding},
           {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
           {"hoverProvider", true},
           {"definitionProvider", true},
           {"referencesProvider", true},
           {"completionProvider", {{"triggerCharacters", {".", "<", ":"}}}},
           {"documentSymbolProvider", true},
           {"renameProvider", {{"prepareProvider", true}}},
           {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
           {"documentFormattingProvider", true},
           {"documentRangeFormattingProvider", true},
       }},
      {"serverInfo", {{"name", "infrac"}, {"version", "0.1.0"}}},
  };
}

}  // namespace infrac::lsp::handlers
