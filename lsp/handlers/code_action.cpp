// `textDocument/codeAction`: a quick fix for every diagnostic in the range that has a did-you-mean.
#include "lsp/handlers/handlers.hpp"
#include "lsp/uri.hpp"

namespace infrac::lsp::handlers {

Json code_action(Server& server, const Json& params) {
  std::string path = document_path(params);
  Range r = range_field(params, "range");
  std::uint32_t begin = server.offset(path, r.start);
  std::uint32_t end = server.offset(path, r.end);
  Json out = Json::array();
  for (const CodeActionFix& fix : server.workspace().fixes(path, begin, end)) {
    Json edit = {{"range", to_json(server.range(fix.path, fix.edit.begin, fix.edit.end))}, {"newText", fix.edit.text}};
    Json diagnostic = {{"range", to_json(server.range(fix.path, fix.diagnostic_begin, fix.diagnostic_end))},
                       {"message", fix.diagnostic_message},
                       {"source", "infrac"}};
    out.push_back({{"title", fix.title},
                   {"kind", "quickfix"},
                   {"isPreferred", true},
                   {"diagnostics", Json::array({diagnostic})},
                   {"edit", {{"changes", {{path_to_uri(fix.path), Json::array({edit})}}}}}});
  }
  return out;
}

}  // namespace infrac::lsp::handlers
