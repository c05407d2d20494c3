// `textDocument/rename`: a WorkspaceEdit changing the declaration and every use, in every file.
#include "lsp/handlers/handlers.hpp"
#include "lsp/uri.hpp"

namespace infrac::lsp::handlers {

Json rename(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  std::string error;
  auto edits = server.workspace().rename(path, offset, string_field(params, "newName"), error);
  if (!error.empty()) throw RequestError(ErrorCode::RequestFailed, error);
  Json changes = Json::object();
  for (const auto& [file, list] : edits) {
    Json file_edits = Json::array();
    for (const TextEdit& e : list) file_edits.push_back({{"range", to_json(server.range(file, e.begin, e.end))}, {"newText", e.text}});
    changes[path_to_uri(file)] = file_edits;
  }
  return {{"changes", changes}};
}

}  // namespace infrac::lsp::handlers
