// `textDocument/documentSymbol`: the outline, stacks and components holding their declarations.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {
namespace {

Json to_symbol(Server& server, const std::string& path, const OutlineSymbol& s) {
  Json children = Json::array();
  for (const auto& c : s.children) children.push_back(to_symbol(server, path, c));
  return {{"name", s.name},
          {"detail", s.detail},
          {"kind", lsp_symbol_kind(s.kind)},
          {"range", to_json(server.range(path, s.begin, s.end))},
          {"selectionRange", to_json(server.range(path, s.name_begin, s.name_end))},
          {"children", children}};
}

}  // namespace

Json document_symbol(Server& server, const Json& params) {
  std::string path = document_path(params);
  Json out = Json::array();
  for (const OutlineSymbol& s : server.workspace().outline(path)) out.push_back(to_symbol(server, path, s));
  return out;
}

}  // namespace infrac::lsp::handlers
