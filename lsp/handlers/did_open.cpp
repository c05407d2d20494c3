// `textDocument/didOpen`: the buffer now stands in for the file; check its project.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void did_open(Server& server, const Json& params) {
  std::string path = document_path(params);
  const Json& document = field(params, "textDocument");
  server.workspace().open(path, string_field(document, "text"), integer_field(document, "version"));
  server.diagnostics_changed(path);
}

}  // namespace infrac::lsp::handlers
