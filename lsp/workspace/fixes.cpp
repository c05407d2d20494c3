// Workspace::fixes: a code action for every diagnostic whose note says "did you mean `X`?":
// replace what the diagnostic points at with X.
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {

std::vector<CodeActionFix> Workspace::fixes(const std::string& path, std::uint32_t begin, std::uint32_t end) const {
  std::string self = normal_path(path);
  ProjectDiagnostics diagnostics = diagnose(path);
  std::vector<CodeActionFix> out;
  std::optional<std::string> text = this->text(path);
  for (const FileDiagnostic& d : diagnostics.files[self]) {
    if (!d.did_you_mean || d.end < begin || d.begin > end || !text || d.end > text->size()) continue;
    // The diagnostic's span may cover more than the misspelt word (`Res.Attr`, `"*Grup"`):
    // replace the word of it closest to the suggestion.
    std::vector<std::pair<std::uint32_t, std::string>> words;
    for (std::uint32_t i = d.begin; i < d.end;) {
      auto word_char = [&](std::uint32_t at) { return std::isalnum(static_cast<unsigned char>((*text)[at])) || (*text)[at] == '_' || (*text)[at] == ':'; };
      if (!word_char(i)) {
        ++i;
        continue;
      }
      std::uint32_t start = i;
      while (i < d.end && word_char(i)) ++i;
      words.push_back({start, text->substr(start, i - start)});
    }
    std::uint32_t b = d.begin, e = d.end;
    if (words.size() > 1) {
      std::vector<std::string> names;
      for (const auto& w : words) names.push_back(w.second);
      std::optional<std::string> closest = closest_name(*d.did_you_mean, names);
      for (const auto& w : words) {
        if (closest && w.second == *closest) {
          b = w.first;
          e = w.first + static_cast<std::uint32_t>(w.second.size());
          break;
        }
      }
    } else if (words.size() == 1) {
      b = words[0].first;
      e = b + static_cast<std::uint32_t>(words[0].second.size());
    }
    out.push_back({"change to `" + *d.did_you_mean + "`", self, {b, e, *d.did_you_mean}, d.begin, d.end, d.message});
  }
  return out;
}

}  // namespace infrac::lsp
