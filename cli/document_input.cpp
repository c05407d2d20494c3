#include "cli/document_input.hpp"

#include <algorithm>

#include "cfn/load.hpp"
#include "cli/command.hpp"
#include "diagnostics/render.hpp"

namespace infrac {

LoadedDocument load_document_file(const std::string& path, const std::string& display, std::ostream& err, bool colour,
                                  cfn::KeepPositions keep) {
  cfn::ReadFile file = cfn::read_document_file(path);
  if (!file.text) {
    err << "infrac: error: " << file.error << "\n";
    return {std::nullopt, kExitUsageOrIo, {}, {}};
  }
  return load_document_text(*file.text, display, err, colour, keep);
}

LoadedDocument load_document_text(const std::string& text, const std::string& display, std::ostream& err, bool colour,
                                  cfn::KeepPositions keep) {
  cfn::Loaded loaded = cfn::load_document(text, {}, keep);
  if (loaded.value) {
    LoadedDocument document{std::move(loaded.value), kExitOk, {}, std::move(loaded.positions)};
    if (keep == cfn::KeepPositions::Yes) document.text = text;
    return document;
  }
  SourceManager sources;
  FileId id = sources.add(display, text);
  std::vector<Diagnostic> diagnostics;
  for (const auto& p : loaded.problems) {
    auto offset = static_cast<std::uint32_t>(std::min(p.offset, text.size()));
    Diagnostic d;
    d.span = Span{id, offset, offset};
    d.message = p.message;
    diagnostics.push_back(std::move(d));
  }
  err << render_text(diagnostics, sources, colour);
  return {std::nullopt, kExitInputErrors, {}, {}};
}

std::string template_stack_name(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  for (const char* suffix : {".json", ".yaml", ".yml", ".template", ".cfn"}) {
    std::string s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) name.resize(name.size() - s.size());
  }
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    out += ok ? c : '-';
  }
  while (!out.empty() && !((out[0] >= 'A' && out[0] <= 'Z') || (out[0] >= 'a' && out[0] <= 'z'))) out.erase(0, 1);
  return out.empty() ? "imported" : out;
}

}  // namespace infrac
