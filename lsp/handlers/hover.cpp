// `textDocument/hover`: markdown from Workspace::hover.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json hover(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  std::optional<HoverInfo> info = server.workspace().hover(path, offset);
  if (!info) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", info->markdown}}}, {"range", to_json(server.range(path, info->begin, info->end))}};
}

}  // namespace infrac::lsp::handlers
