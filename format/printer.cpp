#include "format/printer.hpp"

#include <algorithm>

#include "grammar/trivia.hpp"

namespace infrac::format {

// ---- what the source says ---------------------------------------------------------

SourceFacts::SourceFacts(const ast::Module& module, std::string_view source) : source_(source), file_(module.file) {
  for (const auto& c : module.comments) {
    // A module a program built (`infrac import`) has no source: its comments are placed by
    // the spans the program gave them and the declarations and properties they precede.
    if (source_.empty() ? c.span.end > c.span.begin : real(c.span)) comments_.push_back(&c);
  }
  std::stable_sort(comments_.begin(), comments_.end(),
                   [](const ast::Comment* a, const ast::Comment* b) { return a->span.begin < b->span.begin; });
}

bool SourceFacts::real(Span span) const {
  return !source_.empty() && span.file == file_ && span.end > span.begin && span.end <= source_.size();
}

std::string_view SourceFacts::slice(Span span) const { return source_.substr(span.begin, span.end - span.begin); }

std::uint32_t SourceFacts::skip_trivia(std::uint32_t offset) const {
  if (offset >= source_.size()) return offset;
  const char* begin = source_.data();
  return static_cast<std::uint32_t>(grammar::skip_space_and_comments(begin + offset, begin + source_.size()) - begin);
}

bool SourceFacts::breaks_after(std::uint32_t offset) const {
  if (source_.empty()) return false;
  for (std::uint32_t p = offset + 1; p < source_.size(); ++p) {
    char c = source_[p];
    if (c == ' ' || c == '\t') continue;
    return c == '\n' || c == '\r' || c == '#';
  }
  return false;
}

bool SourceFacts::blank_line_between(std::uint32_t from, std::uint32_t to) const {
  if (source_.empty() || from >= to) return false;
  int newlines = 0;
  for (std::uint32_t p = from; p < to && p < source_.size(); ++p) {
    char c = source_[p];
    if (c == '\n') {
      if (++newlines == 2) return true;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != ',') {
      newlines = 0;  // something else (a comment) stands between
    }
  }
  return false;
}

bool SourceFacts::starts_line(std::uint32_t offset) const {
  for (std::uint32_t p = std::min(offset, size()); p > 0; --p) {
    char c = source_[p - 1];
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

bool SourceFacts::same_line_between(std::uint32_t from, std::uint32_t to) const {
  if (source_.empty() || from > to) return false;
  for (std::uint32_t p = from; p < to; ++p) {
    char c = source_[p];
    if (c != ' ' && c != '\t' && c != ',') return false;
  }
  return true;
}

bool SourceFacts::comment_inside(std::uint32_t begin, std::uint32_t end) const {
  auto it = std::upper_bound(comments_.begin(), comments_.end(), begin,
                             [](std::uint32_t b, const ast::Comment* c) { return b < c->span.begin; });
  return it != comments_.end() && (*it)->span.begin < end;
}

bool SourceFacts::comment_inside(Span span) const { return real(span) && comment_inside(span.begin, span.end); }

std::string comment_text(const ast::Comment& comment) {
  std::string text = comment.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  return text;
}

// ---- output ------------------------------------------------------------------------

namespace {
// Columns count characters, not bytes.
int display_width(std::string_view text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

void Printer::emit(std::string_view text) {
  if (line_start_) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  if (text.empty()) return;
  if (line_start_) {
    out_.append(static_cast<std::size_t>(line_indent_), ' ');
    column_ = line_indent_;
    line_start_ = false;
  }
  out_ += text;
  column_ += display_width(text);
  if (column_ > options_.width) overflow_ = true;
}

void Printer::text_block(std::string_view open, std::string_view body, int indent, std::string_view fence) {
  emit(open);
  out_ += '\n';
  out_ += body;
  line_start_ = true;
  line_indent_ = indent;
  emit(fence);
}

void Printer::line(int indent, bool blank) {
  if (!line_start_) {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
  }
  if (!pending_.empty()) {
    std::size_t i = 0;
    if (!line_start_) out_ += "  " + pending_[i++];
    // More comments than one line can end with: each on a line of its own, indented like
    // the deeper of this line and the next (where a second formatting would put them).
    int own = line_start_ ? indent : std::max(indent, line_indent_);
    for (; i < pending_.size(); ++i) {
      if (!out_.empty() && out_.back() != '\n') out_ += '\n';
      out_.append(static_cast<std::size_t>(own), ' ');
      out_ += pending_[i];
    }
    pending_.clear();
    line_start_ = false;
  }
  if (!file_start_) {
    if (!line_start_) out_ += '\n';
    if (blank) out_ += '\n';
  }
  file_start_ = false;
  line_start_ = true;
  line_indent_ = indent;
  column_ = indent;
}

void Printer::sync(std::uint32_t offset) {
  const auto& comments = facts_.comments();
  while (next_comment_ < comments.size() && comments[next_comment_]->span.begin < offset) {
    const ast::Comment& comment = *comments[next_comment_++];
    if (!line_start_ && !facts_.starts_line(comment.span.begin)) {
      pending_.push_back(comment_text(comment));
    } else {
      line(continuation());
      emit(comment_text(comment));
      overflow_ = false;  // a long comment is not the layout's fault
    }
    line(continuation());
  }
}

void Printer::defer_comments(std::uint32_t offset) {
  const auto& comments = facts_.comments();
  while (next_comment_ < comments.size() && comments[next_comment_]->span.begin < offset) {
    pending_.push_back(comment_text(*comments[next_comment_]));
    ++next_comment_;
  }
}

void Printer::take_trailing(std::uint32_t end) {
  defer_comments(end);
  const auto& comments = facts_.comments();
  if (next_comment_ < comments.size() && facts_.same_line_between(end, comments[next_comment_]->span.begin)) {
    pending_.push_back(comment_text(*comments[next_comment_]));
    last_source_ = comments[next_comment_]->span.end;
    ++next_comment_;
  }
}

Printer Printer::scratch() const {
  Printer s(facts_, options_);
  s.column_ = column_;
  s.line_indent_ = line_indent_;
  s.item_indent_ = item_indent_;
  s.line_start_ = line_start_;
  s.flat_ = flat_;
  s.trailing_ = trailing_;
  s.file_start_ = false;
  s.next_comment_ = next_comment_;
  s.last_source_ = last_source_;
  return s;
}

void Printer::commit(Printer&& from) {
  if (!from.out_.empty()) file_start_ = false;
  out_ += from.out_;
  column_ = from.column_;
  line_indent_ = from.line_indent_;
  line_start_ = from.line_start_;
  overflow_ = overflow_ || from.overflow_;
  next_comment_ = from.next_comment_;
  for (auto& p : from.pending_) pending_.push_back(std::move(p));
  last_source_ = from.last_source_;
}

void Printer::comment_line(const ast::Comment& comment, int indent, bool blank) {
  line(indent, blank);
  emit(comment_text(comment));
  overflow_ = false;  // a long comment is not the layout's fault
  last_source_ = comment.span.end;
  ++next_comment_;
}

void Printer::items_broken(std::vector<LineItem>& items, std::uint32_t open_end, std::uint32_t close_at, int indent,
                           bool declarations, bool commas) {
  const auto& comments = facts_.comments();
  last_source_ = open_end;
  bool first = true;
  bool previous_multiline = false;
  for (auto& item : items) {
    bool has_span = item.end > 0;
    // Comments before the item are its own, on the lines above it.
    std::vector<const ast::Comment*> leading;
    std::size_t cursor = next_comment_;
    while (has_span && cursor < comments.size() && comments[cursor]->span.begin < item.begin) leading.push_back(comments[cursor++]);

    // The item first, to know whether it takes several lines.
    Printer body = scratch();
    body.next_comment_ = cursor;
    body.line_start_ = true;
    body.line_indent_ = indent;
    body.item_indent_ = indent;
    body.column_ = indent;
    body.trailing_ = commas ? 1 : 0;
    item.print(body);
    bool multiline = body.out_.find('\n') != std::string::npos;

    std::uint32_t first_begin = leading.empty() ? item.begin : leading.front()->span.begin;
    bool blank = !first && ((has_span && facts_.blank_line_between(last_source_, first_begin)) ||
                            (declarations && (multiline || previous_multiline)));
    for (const ast::Comment* c : leading) {
      comment_line(*c, indent, blank);
      blank = false;
      std::uint32_t next = c == leading.back() ? item.begin : comments[next_comment_]->span.begin;
      blank = facts_.blank_line_between(last_source_, next);
    }
    line(indent, blank);
    commit(std::move(body));
    if (commas) emit(",");
    if (has_span) {
      last_source_ = item.end;
      take_trailing(item.end);
    }
    first = false;
    previous_multiline = multiline;
  }
  // Comments after the last item, before the closing bracket.
  while (close_at > 0 && next_comment_ < comments.size() && comments[next_comment_]->span.begin < close_at) {
    const ast::Comment* c = comments[next_comment_];
    comment_line(*c, indent, !first && facts_.blank_line_between(last_source_, c->span.begin));
    first = false;
  }
}

void Printer::flat_items(Container& c) {
  emit(c.open);
  if (c.padded) emit(" ");
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    if (i > 0) emit(", ");
    c.items[i].print(*this);
  }
  if (c.padded) emit(" ");
  emit(c.close);
}

bool Printer::fits(const std::function<void(Printer&)>& print) const {
  Printer s = scratch();
  s.flat_ = true;
  print(s);
  return !s.overflow_;
}

void Printer::container(Container& c) {
  bool has_source = facts_.has_source() && c.close_at > c.open_at;
  bool comments_inside = has_source && facts_.comment_inside(c.open_at, c.close_at);
  if (c.items.empty() && !comments_inside) {
    emit(c.open);
    emit(c.close);
    return;
  }
  if (flat_) {
    flat_items(c);
    return;
  }
  if (!c.always_broken && c.flat_possible && !comments_inside) {
    Printer s = scratch();
    s.flat_ = true;
    s.flat_items(c);
    if (!s.overflow_ && s.column_ + trailing_ <= options_.width) {
      s.flat_ = false;
      commit(std::move(s));
      return;
    }
  }
  int base = c.anchored ? item_indent_ : line_indent_;
  if (c.hug_last && !c.items.empty()) {
    // `[{` ... `}]`, `join(",", [` ... `])`: the last item breaks, the rest stays on the bracket's line.
    Printer s = scratch();
    s.emit(c.open);
    s.flat_ = true;
    for (std::size_t i = 0; i + 1 < c.items.size(); ++i) {
      c.items[i].print(s);
      s.emit(", ");
    }
    s.flat_ = false;
    if (!s.overflow_ && s.column_ < options_.width) {  // room for the last item's opening bracket
      s.trailing_ = trailing_ + static_cast<int>(c.close.size());
      c.items.back().print(s);
      s.trailing_ = trailing_;
      s.emit(c.close);
      // It hugs when the last item broke and the line it opens on still fits (when the last
      // item could not hug in turn, it opened its own broken form at the end of this line).
      std::size_t first_break = s.out_.find('\n');
      int first_line_end = (line_start_ ? 0 : column_) + display_width(std::string_view(s.out_).substr(0, first_break));
      if (first_break != std::string::npos && first_line_end <= options_.width) {
        commit(std::move(s));
        return;
      }
    }
  }
  emit(c.open);
  take_trailing(has_source ? c.open_at + 1 : 0);
  items_broken(c.items, has_source ? c.open_at + 1 : 0, has_source ? c.close_at : 0, base + options_.indent, c.declarations, c.commas);
  line(base);
  emit(c.close);
}

void Printer::file_items(std::vector<LineItem>& items, bool declarations) {
  items_broken(items, 0, facts_.size() + 1, 0, declarations);
}

std::string Printer::finish() {
  if (!pending_.empty()) line(0);
  if (!out_.empty() && out_.back() != '\n') out_ += '\n';
  return std::move(out_);
}

}  // namespace infrac::format
