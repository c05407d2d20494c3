// `textDocument/definition`: where the name under the cursor is declared (an import or
// file(): the file itself).
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json definition(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  Json out = Json::array();
  for (const FileRange& r : server.workspace().definition(path, offset)) out.push_back(server.location(r));
  return out;
}

}  // namespace infrac::lsp::handlers
