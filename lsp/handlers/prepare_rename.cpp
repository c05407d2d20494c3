// `textDocument/prepareRename`: the range of the name a rename would change, or null.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json prepare_rename(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  std::optional<FileRange> target = server.workspace().rename_target(path, offset);
  if (!target) return nullptr;
  return to_json(server.range(target->path, target->begin, target->end));
}

}  // namespace infrac::lsp::handlers
