#pragma once
// A loaded source file and the compact locations that point into it.
// Locations are byte offsets; line and column are computed only when printed.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/safe_read.hpp"

namespace infrac {

using FileId = std::uint32_t;

// A half-open byte range [begin, end) in one source file.
struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct LineColumn {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, counted in bytes like clang and gcc
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text, std::optional<Span> loaded_at = std::nullopt);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  LineColumn line_column(std::uint32_t offset) const;
  // The text of a 1-based line without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  // For a file read by `file("...")`: where it was named, so diagnostics can say so.
  const std::optional<Span>& loaded_at() const { return loaded_at_; }

 private:
  std::optional<Span> loaded_at_;
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Owns every file a compilation reads, so spans stay valid for its lifetime.
// One per compilation: nothing here is global.
class SourceManager {
 public:
  FileId add(std::string path, std::string text, std::optional<Span> loaded_at = std::nullopt);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }

  // The editor's unsaved buffers (the language server): every read of an input (root file,
  // import, file() text) goes through io::read_input with these.
  void set_unsaved_texts(io::UnsavedTexts texts) { unsaved_ = std::move(texts); }
  const io::UnsavedTexts& unsaved_texts() const { return unsaved_; }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  io::UnsavedTexts unsaved_;
};

}  // namespace infrac
