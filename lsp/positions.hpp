#pragma once
// LSP positions are a 0-based line and a column counted in UTF-16 code units
// (or bytes, or code points, as negotiated); the compiler counts bytes. A
// LineIndex converts between them for one text, clamping positions outside it
// (a client may send a line past the end, or a column inside a surrogate pair).
#include <cstdint>
#include <string_view>
#include <vector>

namespace infrac::lsp {

enum class PositionEncoding { Utf16, Utf8, Utf32 };

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

class LineIndex {
 public:
  // `text` must outlive the index.
  LineIndex(std::string_view text, PositionEncoding encoding = PositionEncoding::Utf16);

  std::uint32_t offset(Position position) const;
  Position position(std::uint32_t offset) const;
  Range range(std::uint32_t begin, std::uint32_t end) const { return {position(begin), position(end)}; }

 private:
  // Where counting may resume: every line start, and a character boundary at least every
  // kStride bytes of a line, with its column. A conversion counts from the nearest one, so
  // it costs at most a stride whatever the line's length: counting from the line start made
  // publishing a thousand diagnostics on a one-line megabyte file a billion steps.
  struct Checkpoint {
    std::uint32_t offset;
    std::uint32_t line;
    std::uint32_t character;
  };
  static constexpr std::uint32_t kStride = 256;
  std::string_view text_;
  PositionEncoding encoding_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<Checkpoint> checkpoints_;  // by offset (and so by line, then character)
};

}  // namespace infrac::lsp
