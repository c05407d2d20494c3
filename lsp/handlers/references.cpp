// `textDocument/references`: every use of the name under the cursor, in every file of the project.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json references(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  bool include_declaration = true;
  if (params.contains("context") && params["context"].is_object() && params["context"].contains("includeDeclaration")) {
    include_declaration = params["context"]["includeDeclaration"] == true;
  }
  Json out = Json::array();
  for (const FileRange& r : server.workspace().references(path, offset, include_declaration)) out.push_back(server.location(r));
  return out;
}

}  // namespace infrac::lsp::handlers
