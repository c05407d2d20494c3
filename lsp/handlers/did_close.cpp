// `textDocument/didClose`: the file on disk is the truth again (or, deleted, is gone).
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void did_close(Server& server, const Json& params) {
  std::string path = document_path(params);
  server.workspace().close(path);
  server.diagnostics_changed(path);
}

}  // namespace infrac::lsp::handlers
