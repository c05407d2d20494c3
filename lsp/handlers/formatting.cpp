// `textDocument/formatting` and `textDocument/rangeFormatting`: Workspace::formatting's edits.
// The layout is `infrac fmt`'s, whatever indentation the client asks for (one canonical
// layout); a text with syntax errors is left alone (null).
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {
namespace {

Json edits_json(Server& server, const std::string& path, const std::optional<std::vector<TextEdit>>& edits) {
  if (!edits) return nullptr;
  Json out = Json::array();
  for (const TextEdit& e : *edits) out.push_back({{"range", to_json(server.range(path, e.begin, e.end))}, {"newText", e.text}});
  return out;
}

}  // namespace

Json formatting(Server& server, const Json& params) {
  std::string path = document_path(params);
  return edits_json(server, path, server.workspace().formatting(path));
}

Json range_formatting(Server& server, const Json& params) {
  std::string path = document_path(params);
  Range r = range_field(params, "range");
  std::pair<std::uint32_t, std::uint32_t> range{server.offset(path, r.start), server.offset(path, r.end)};
  return edits_json(server, path, server.workspace().formatting(path, range));
}

}  // namespace infrac::lsp::handlers
