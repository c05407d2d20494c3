// Workspace::definition, references and rename: the index's symbols and occurrences.
#include <algorithm>

#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

FileRange range_of(const Analysis& a, Span span) {
  return {normal_path(a.sources.file(span.file).path()), span.begin, span.end};
}

const Occurrence* occurrence_at(const Analysis& a, const std::string& path, std::uint32_t offset) {
  std::optional<FileId> file = a.file_of(path);
  return file ? a.index.at(*file, offset) : nullptr;
}

bool is_identifier(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Files are not names; a loop's templated name (`Subnet<<Zone>>`) has no one spelling to replace.
bool renameable(const Symbol& s) { return s.kind != SymbolKind::File && s.name.find("<<") == std::string::npos; }

}  // namespace

std::vector<FileRange> Workspace::definition(const std::string& path, std::uint32_t offset) {
  std::shared_ptr<const Analysis> a = analysis(path);
  const Occurrence* o = occurrence_at(*a, path, offset);
  if (!o) return {};
  const Symbol& s = a->index.symbols[o->symbol];
  if (s.kind == SymbolKind::File) return {{normal_path(s.path), 0, 0}};
  return {range_of(*a, s.name_span)};
}

std::vector<FileRange> Workspace::references(const std::string& path, std::uint32_t offset, bool include_declaration) {
  std::shared_ptr<const Analysis> a = analysis(path);
  const Occurrence* o = occurrence_at(*a, path, offset);
  if (!o) return {};
  std::vector<FileRange> out;
  for (const Occurrence* each : a->index.of(o->symbol)) {
    if (each->declaration && !include_declaration) continue;
    out.push_back(range_of(*a, each->span));
  }
  std::sort(out.begin(), out.end(), [](const FileRange& x, const FileRange& y) {
    return std::tie(x.path, x.begin, x.end) < std::tie(y.path, y.begin, y.end);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<FileRange> Workspace::rename_target(const std::string& path, std::uint32_t offset) {
  std::shared_ptr<const Analysis> a = analysis(path);
  const Occurrence* o = occurrence_at(*a, path, offset);
  if (!o || !renameable(a->index.symbols[o->symbol])) return std::nullopt;
  return range_of(*a, o->edit);
}

std::map<std::string, std::vector<TextEdit>> Workspace::rename(const std::string& path, std::uint32_t offset, const std::string& new_name,
                                                               std::string& error) {
  std::shared_ptr<const Analysis> a = analysis(path);
  const Occurrence* o = occurrence_at(*a, path, offset);
  if (!o || !renameable(a->index.symbols[o->symbol])) {
    error = o ? "a file, or a name a loop makes, cannot be renamed" : "there is no name to rename here";
    return {};
  }
  if (!is_identifier(new_name)) {
    error = "`" + new_name + "` is not a name: letters, digits and `_`, starting with a letter";
    return {};
  }
  std::map<std::string, std::vector<TextEdit>> edits;
  for (const Occurrence* each : a->index.of(o->symbol)) {
    FileRange r = range_of(*a, each->edit);
    edits[r.path].push_back({r.begin, r.end, new_name});
  }
  for (auto& [file, list] : edits) {
    std::sort(list.begin(), list.end(), [](const TextEdit& x, const TextEdit& y) { return x.begin < y.begin; });
    list.erase(std::unique(list.begin(), list.end(), [](const TextEdit& x, const TextEdit& y) { return x.begin == y.begin; }), list.end());
  }
  return edits;
}

}  // namespace infrac::lsp
