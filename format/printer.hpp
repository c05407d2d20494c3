#pragma once
// The printer's machinery: where the source's comments and blank lines are,
// and an output buffer that knows its column, its indentation and which
// comments are still to be placed. Private to format/.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "format/format.hpp"

namespace infrac::format {

// What the source says beyond the tree: comments, blank lines, brackets.
// Every query answers "nothing" for a module without source.
class SourceFacts {
 public:
  SourceFacts(const ast::Module& module, std::string_view source);

  bool has_source() const { return !source_.empty(); }
  // A span that points into the source (a node the parser made).
  bool real(Span span) const;
  std::string_view slice(Span span) const;
  char at(std::uint32_t offset) const { return offset < source_.size() ? source_[offset] : '\0'; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(source_.size()); }
  // The first offset at or after `offset` that is neither whitespace nor inside a comment.
  std::uint32_t skip_trivia(std::uint32_t offset) const;
  // The bracket at `offset` is followed by a line break or a comment: the author broke it.
  bool breaks_after(std::uint32_t offset) const;
  // The source between the two offsets holds an empty line.
  bool blank_line_between(std::uint32_t from, std::uint32_t to) const;
  // Only blanks before `offset` on its line: a comment there stood on a line of its own.
  bool starts_line(std::uint32_t offset) const;
  // Only blanks and commas between the two offsets (a trailing comment's position).
  bool same_line_between(std::uint32_t from, std::uint32_t to) const;
  // A comment starts strictly inside the span.
  bool comment_inside(Span span) const;
  bool comment_inside(std::uint32_t begin, std::uint32_t end) const;

  const std::vector<const ast::Comment*>& comments() const { return comments_; }

 private:
  std::string_view source_;
  FileId file_;
  std::vector<const ast::Comment*> comments_;  // sorted by position
};

class Printer;

// One line of a broken container: a declaration, a property, an entry, an item.
struct LineItem {
  std::uint32_t begin = 0;  // source span of the item's own tokens (0, 0 when made by a program)
  std::uint32_t end = 0;
  std::function<void(Printer&)> print;  // in the printer's current mode (flat or not)
};

// A bracketed sequence printed flat (`[a, b]`, `{ A: 1 }`, `f(x)`) or broken, one item per line.
struct Container {
  Container(std::string_view open_bracket, std::string_view close_bracket) : open(open_bracket), close(close_bracket) {}
  std::string_view open;   // "[", "{", "(" (a call's name is printed before)
  std::string_view close;
  bool padded = false;            // flat form has spaces inside: `{ A: 1 }`
  bool always_broken = false;     // declaration bodies
  bool declarations = false;      // a blank line around items that take several lines
  bool flat_possible = true;      // no comment inside, not written broken, every item can be flat
  bool hug_last = false;          // broken form may keep the last item on the bracket's line: `[{` ... `}]`
  bool commas = false;            // broken form ends every item with `,` (call arguments, component parameters)
  bool anchored = false;          // a declaration's body: broken, it closes at the declaration's indentation
                                  // even when a comment broke the header onto a continuation line
  std::uint32_t open_at = 0;      // source offset of the opening bracket (0 without source)
  std::uint32_t close_at = 0;     // source offset of the closing bracket
  std::vector<LineItem> items;
};

class Printer {
 public:
  Printer(const SourceFacts& facts, const FormatOptions& options) : facts_(facts), options_(options) {}

  const SourceFacts& facts() const { return facts_; }
  const FormatOptions& options() const { return options_; }
  bool flat() const { return flat_; }
  int line_indent() const { return line_indent_; }
  // Where the lines an item continues on start: one level deeper than the item's first line.
  int continuation() const { return item_indent_ + options_.indent; }

  // Text without line breaks on the current line. At the start of a line its leading blanks
  // are dropped (the indentation stands for them), so a separator may precede a break.
  void emit(std::string_view text);
  // A text block: the opening fence line, the body whose bytes must not change (each line
  // with its terminator), and the closing fence at `indent`. No comment is ever put on a fence line.
  void text_block(std::string_view open, std::string_view body, int indent, std::string_view fence);
  // Ends the current line (placing pending comments at its end, trailing blanks dropped); the next
  // text starts at `indent`.
  void line(int indent, bool blank = false);

  // Before the token at `offset`: the comments before it not placed yet stay where they are. One
  // that followed a token on its line ends the current line; one on a line of its own gets a line
  // of its own; after them the item continues on a new line at continuation().
  void sync(std::uint32_t offset);
  // After an item ending at `end`: a comment on the same source line follows it on the output line.
  void take_trailing(std::uint32_t end);

  // Whether `print` fits on the rest of the current line, printed flat.
  bool fits(const std::function<void(Printer&)>& print) const;

  void container(Container& c);
  // Top level of a file: the items, with the file's leading and final comments.
  void file_items(std::vector<LineItem>& items, bool declarations);
  std::string finish();

 private:
  const SourceFacts& facts_;
  const FormatOptions& options_;
  std::string out_;
  int column_ = 0;
  int line_indent_ = 0;
  int item_indent_ = 0;  // indentation of the first line of the item being printed
  bool line_start_ = true;
  bool flat_ = false;
  bool overflow_ = false;
  // Columns the caller prints right after the item being printed, on its last line: the `,` of a
  // broken argument list, the closing brackets of the calls that hug it. Its flat form must leave
  // room for them.
  int trailing_ = 0;
  bool file_start_ = true;
  std::size_t next_comment_ = 0;
  std::vector<std::string> pending_;  // comments to end the current line with
  std::uint32_t last_source_ = 0;     // where the last placed item or comment ended in the source

  // Comments that start before `offset` and were not placed yet go to the end of the current line.
  void defer_comments(std::uint32_t offset);
  Printer scratch() const;
  void commit(Printer&& from);
  void flat_items(Container& c);
  void items_broken(std::vector<LineItem>& items, std::uint32_t open_end, std::uint32_t close_at, int indent, bool declarations,
                    bool commas = false);
  void comment_line(const ast::Comment& comment, int indent, bool blank);
};

std::string comment_text(const ast::Comment& comment);

}  // namespace infrac::format
