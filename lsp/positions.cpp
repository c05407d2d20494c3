#include "lsp/positions.hpp"

#include <algorithm>

namespace infrac::lsp {
namespace {

// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte,
// so that invalid text still advances).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Units of one character in the encoding: a 4-byte sequence is a surrogate pair in UTF-16.
std::uint32_t units(std::uint32_t bytes, PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::Utf8: return bytes;
    case PositionEncoding::Utf32: return 1;
    case PositionEncoding::Utf16: return bytes == 4 ? 2 : 1;
  }
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text, PositionEncoding encoding) : text_(text), encoding_(encoding) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  // Each line counted as position() counts it: character by character from its start.
  for (std::uint32_t line = 0; line < line_starts_.size(); ++line) {
    std::uint32_t at = line_starts_[line];
    std::uint32_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : static_cast<std::uint32_t>(text_.size());
    std::uint32_t character = 0;
    checkpoints_.push_back({at, line, 0});
    std::uint32_t last = at;
    while (at < end) {
      if (at - last >= kStride) {
        checkpoints_.push_back({at, line, character});
        last = at;
      }
      std::uint32_t bytes = sequence_length(static_cast<unsigned char>(text_[at]));
      character += units(bytes, encoding_);
      at += bytes;
    }
  }
}

std::uint32_t LineIndex::offset(Position position) const {
  if (position.line >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t line_end = position.line + 1 < line_starts_.size() ? line_starts_[position.line + 1] - 1
                                                                    : static_cast<std::uint32_t>(text_.size());
  if (line_end > line_starts_[position.line] && text_[line_end - 1] == '\r') --line_end;
  // The last checkpoint of the line at or before the column.
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), position, [](const Position& p, const Checkpoint& c) {
    return p.line < c.line || (p.line == c.line && p.character < c.character);
  });
  const Checkpoint& from = *(it - 1);  // the line's start is a checkpoint at column 0
  std::uint32_t at = std::min(from.offset, line_end);
  std::uint32_t counted = from.character;
  while (at < line_end && counted < position.character) {
    std::uint32_t bytes = std::min(sequence_length(static_cast<unsigned char>(text_[at])), line_end - at);
    std::uint32_t width = units(bytes, encoding_);
    if (counted + width > position.character) break;  // inside a character: stay before it
    counted += width;
    at += bytes;
  }
  return at;
}

Position LineIndex::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                             [](std::uint32_t o, const Checkpoint& c) { return o < c.offset; });
  const Checkpoint& from = *(it - 1);  // offset 0 is a checkpoint
  std::uint32_t at = from.offset;
  std::uint32_t character = from.character;
  while (at < offset) {
    std::uint32_t bytes = sequence_length(static_cast<unsigned char>(text_[at]));
    if (at + bytes > offset) break;  // an offset inside a character counts as before it
    character += units(bytes, encoding_);
    at += bytes;
  }
  return {from.line, character};
}

}  // namespace infrac::lsp
