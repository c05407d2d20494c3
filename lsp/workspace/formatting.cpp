// Workspace::formatting: `infrac fmt`'s layout (format/, the one printer) as edits of the
// lines that change, so that an editor keeps the cursor and the undo history of the rest.
#include "diff/lines.hpp"
#include "format/format.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

// The byte offset where each line of `text` starts, and one past the end.
std::vector<std::uint32_t> line_starts(const std::string& text) {
  std::vector<std::uint32_t> starts = {0};
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  if (starts.back() != text.size()) starts.push_back(static_cast<std::uint32_t>(text.size()));
  return starts;
}

std::string applied(const std::string& text, const std::vector<TextEdit>& edits) {
  std::string out;
  std::uint32_t at = 0;
  for (const TextEdit& e : edits) {
    out.append(text, at, e.begin - at);
    out += e.text;
    at = e.end;
  }
  out.append(text, at);
  return out;
}

}  // namespace

std::optional<std::vector<TextEdit>> Workspace::formatting(const std::string& path, std::optional<std::pair<std::uint32_t, std::uint32_t>> range) const {
  std::optional<std::string> text = this->text(path);
  if (!text) return std::nullopt;
  SourceManager sources;
  Diagnostics diagnostics;  // syntax errors: diagnostics already shows them
  std::optional<std::string> formatted = format::format_text(normal_path(path), *text, sources, diagnostics);
  if (!formatted) return std::nullopt;

  // One edit per run of changed lines (hunks without context), in the order of the text.
  std::vector<std::uint32_t> starts = line_starts(*text);
  auto line_start = [&](std::size_t line) { return starts[std::min(line, starts.size() - 1)]; };  // 0-based line
  std::vector<TextEdit> edits;
  for (const diff::TextHunk& hunk : diff::diff_lines(*text, *formatted, 0)) {
    // An insertion (no old line) goes after line old_start, as unified diffs number it.
    std::size_t first = hunk.old_count ? hunk.old_start - 1 : hunk.old_start;
    TextEdit edit{line_start(first), line_start(first + hunk.old_count), {}};
    for (const diff::DiffLine& line : hunk.lines) {
      if (line.kind == '+') edit.text += line.text + "\n";
    }
    edits.push_back(std::move(edit));
  }
  // Line diffs do not see a missing final newline; when the edits do not make the formatted
  // text exactly, the whole text is replaced instead.
  if (applied(*text, edits) != *formatted) edits = {TextEdit{0, static_cast<std::uint32_t>(text->size()), *formatted}};
  if (range) {
    // The printer lays out whole declarations: a range gets the changes that touch its lines.
    const std::uint32_t begin = range->first, end = range->second;  // not a structured binding: the lambda captures them
    auto touches = [&](const TextEdit& e) { return e.begin == e.end ? begin <= e.begin && e.begin <= end : e.begin < end && begin < e.end; };
    std::erase_if(edits, [&](const TextEdit& e) { return !touches(e); });
  }
  return edits;
}

}  // namespace infrac::lsp
