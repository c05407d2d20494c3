// `textDocument/prepareRename`: the range of the name a rename would change, or null.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json prepare_rename(Server& server, const Json& params) {
  std::string path = document_path(params);
  std::uint32_t offset = server.offset(path, position_field(params, "position"));
  std::optional<FileRange> target = server.workspace().rename_target(path, offset);
  if (!target) return nullptr;
  return to_json(server.range(target->path, target->begin, target->end));
}

}  // namespace infrac::lsp::handlers
