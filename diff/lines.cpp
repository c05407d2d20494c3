#include "diff/lines.hpp"

#include <dtl/dtl.hpp>

namespace infrac::diff {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<TextHunk> diff_lines(const std::string& old_text, const std::string& new_text, std::size_t context) {
  std::vector<std::string> a = split_lines(old_text);
  std::vector<std::string> b = split_lines(new_text);
  dtl::Diff<std::string> d(a, b, true);  // old lines before new ones in each change, as unified diffs print them
  if (a.size() * b.size() > 10'000'000) d.onHuge();
  d.compose();
  // The edit script as one line per step, with old and new line numbers (1-based, 0 = none).
  struct Step {
    DiffLine line;
    std::size_t old_line, new_line;
  };
  std::vector<Step> steps;
  std::size_t old_line = 0, new_line = 0;
  for (const auto& [text, info] : d.getSes().getSequence()) {
    char kind = info.type == dtl::SES_ADD ? '+' : info.type == dtl::SES_DELETE ? '-' : ' ';
    if (kind != '+') ++old_line;
    if (kind != '-') ++new_line;
    steps.push_back({{kind, text}, kind == '+' ? 0 : old_line, kind == '-' ? 0 : new_line});
  }
  std::vector<TextHunk> hunks;
  std::size_t i = 0;
  while (i < steps.size()) {
    if (steps[i].line.kind == ' ') {
      ++i;
      continue;
    }
    // A hunk: context before, then changes joined while the common lines between them are few.
    std::size_t begin = i >= context ? i - context : 0;
    std::size_t end = i;
    while (end < steps.size()) {
      if (steps[end].line.kind != ' ') {
        ++end;
        continue;
      }
      std::size_t run = end;
      while (run < steps.size() && steps[run].line.kind == ' ') ++run;
      if (run < steps.size() && run - end <= 2 * context) {
        end = run;
      } else {
        end = std::min(end + context, steps.size());
        break;
      }
    }
    TextHunk hunk;
    for (std::size_t k = begin; k < end; ++k) {
      const Step& s = steps[k];
      if (s.line.kind != '+') {
        if (!hunk.old_count++) hunk.old_start = s.old_line;
      }
      if (s.line.kind != '-') {
        if (!hunk.new_count++) hunk.new_start = s.new_line;
      }
      hunk.lines.push_back(s.line);
    }
    // An empty side starts after the line before it, as unified diffs write it.
    if (!hunk.old_count) hunk.old_start = begin < steps.size() && begin > 0 ? steps[begin - 1].old_line : 0;
    if (!hunk.new_count) hunk.new_start = begin < steps.size() && begin > 0 ? steps[begin - 1].new_line : 0;
    hunks.push_back(std::move(hunk));
    i = end;
  }
  return hunks;
}

}  // namespace infrac::diff
