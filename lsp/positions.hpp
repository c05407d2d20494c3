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
  std::string_view text_;
  PositionEncoding encoding_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace infrac::lsp
