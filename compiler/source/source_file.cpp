#include "source/source_file.hpp"

#include <algorithm>
#include <limits>

namespace infrac {

SourceFile::SourceFile(std::string path, std::string text, std::optional<Span> loaded_at)
    : loaded_at_(loaded_at), path_(std::move(path)), text_(std::move(text)) {
  // Offsets are 32-bit: the readers refuse files near that size (limits.hpp), and a
  // longer text is cut here rather than wrapping every offset after 4 GiB.
  if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) text_.resize(std::numeric_limits<std::uint32_t>::max() - 1);
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

LineColumn SourceFile::line_column(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] : static_cast<std::uint32_t>(text_.size());
  std::string_view view(text_.data() + begin, end - begin);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r')) view.remove_suffix(1);
  return view;
}

FileId SourceManager::add(std::string path, std::string text, std::optional<Span> loaded_at) {
  files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text), loaded_at));
  return static_cast<FileId>(files_.size() - 1);
}

}  // namespace infrac
