// `textDocument/didSave`: the buffer already stood for the file; other files of the project
// that read it from disk (file() texts not open) may have changed, so check again.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void did_save(Server& server, const Json& params) { server.diagnostics_changed(document_path(params)); }

}  // namespace infrac::lsp::handlers
