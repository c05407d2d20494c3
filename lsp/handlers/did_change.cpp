// `textDocument/didChange`: incremental or whole-text edits, applied in order; an edit whose
// version is not newer than the buffer's is ignored.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void did_change(Server& server, const Json& params) {
  std::string path = document_path(params);
  std::int64_t version = integer_field(field(params, "textDocument"), "version");
  const Document* current = server.workspace().document(path);
  if (!current) return;  // a change to a file that is not open: nothing to apply it to
  if (version <= current->version) return;
  std::string text = current->text;
  const Json& changes = field(params, "contentChanges");
  if (!changes.is_array()) throw RequestError(ErrorCode::InvalidParams, "`contentChanges` must be an array");
  for (const Json& change : changes) {
    std::string replacement = string_field(change, "text");
    if (!change.contains("range")) {
      text = std::move(replacement);
      continue;
    }
    Range r = range_field(change, "range");
    LineIndex index(text, server.encoding());
    std::uint32_t begin = index.offset(r.start);
    std::uint32_t end = std::max(begin, index.offset(r.end));
    text.replace(begin, end - begin, replacement);
  }
  server.workspace().change(path, std::move(text), version);
  server.diagnostics_changed(path);
}

}  // namespace infrac::lsp::handlers
