// `textDocument/completion`: Workspace::complete's items, each replacing the word at the cursor.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json completion(Server& server, const Json& params) {
  auto [path, offset] = server.document_position(params);
  Completion c = server.workspace().complete(path, offset);
  Json range = to_json(server.range(path, c.replace_begin, c.replace_end));
  Json items = Json::array();
  for (const CompletionItem& item : c.items) {
    Json j = {{"label", item.label},
              {"kind", lsp_completion_kind(item.kind)},
              {"textEdit", {{"range", range}, {"newText", item.insert.empty() ? item.label : item.insert}}}};
    if (!item.detail.empty()) j["detail"] = item.detail;
    if (!item.sort.empty()) j["sortText"] = item.sort;
    items.push_back(std::move(j));
  }
  return {{"isIncomplete", false}, {"items", items}};
}

}  // namespace infrac::lsp::handlers
