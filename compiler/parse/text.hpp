#pragma once
// Turning source spellings into text values: string escapes, the indentation
// rule of ``` text blocks, and `<<Name>>` interpolation.
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// The length of the interpolation `<<Name>>` or `<<!Name>>` starting at text[i]
// (0 when none starts there), and whether it is the literal form `<<!Name>>`.
// The printer uses it to write literal text that would otherwise interpolate.
struct InterpolationAt {
  std::size_t length = 0;
  bool literal = false;
};
InterpolationAt interpolation_at(std::string_view text, std::size_t i);

// Appends the pieces of `text` (which starts at `offset` in `file`) to `parts`,
// splitting out `<<Name>>`, `<<Res.Attr>>` and turning `<<!Name>>` into literal text.
void split_interpolations(std::string_view text, FileId file, std::uint32_t offset, std::vector<ast::TextPart>& parts);

// A string literal, quotes included, as an expression: String or Text.
ast::Expr string_literal_expr(std::string_view quoted, FileId file, std::uint32_t offset, Diagnostics& diagnostics);

// A ``` text block as it appears in the source, fences included, as a Text expression.
ast::Expr text_block_expr(std::string_view block, FileId file, std::uint32_t offset, Diagnostics& diagnostics);

// Text with `\r\n` endings is kept byte for byte, but a shell script like that breaks.
void warn_windows_line_endings(Diagnostics& diagnostics, Span span);

// Joins adjacent literal parts; a text with no reference left becomes a String.
// Every phase that rewrites text parts ends with it.
void normalise_text(ast::Expr& expr);

}  // namespace infrac
