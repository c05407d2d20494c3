#include "skip_item.hpp"

#include <cctype>
#include <cstring>
#include <string_view>

namespace infrac::grammar::skip_item {
namespace {

std::size_t backticks_at(const char* p, const char* end) {
  std::size_t n = 0;
  while (p + n < end && p[n] == '`') ++n;
  return n;
}

const char* end_of_line(const char* p, const char* end) {
  while (p < end && *p != '\n') ++p;
  return p;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether the line at p (after its indentation) starts a declaration, as the
// grammar's declaration_start does: there a broken declaration surely ended.
bool declaration_starts_at(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t')) ++p;
  auto word = [&](const char* q) {
    const char* start = q;
    while (q < end && word_char(*q)) ++q;
    return std::string_view(start, static_cast<std::size_t>(q - start));
  };
  auto skip_blanks = [&](const char* q) {
    while (q < end && (*q == ' ' || *q == '\t')) ++q;
    return q;
  };
  std::string_view keyword = word(p);
  const char* after = skip_blanks(p + keyword.size());
  bool spaced = after > p + keyword.size();
  if (keyword == "resource" || keyword == "param" || keyword == "output" || keyword == "mapping" || keyword == "stack" ||
      keyword == "component" || keyword == "use" || keyword == "for") {
    return spaced && after < end && word_char(*after);
  }
  if ((keyword == "condition" || keyword == "let") && spaced) {
    std::string_view name = word(after);
    const char* eq = skip_blanks(after + name.size());
    return !name.empty() && eq < end && *eq == '=';
  }
  return (keyword == "policy" && after < end && *after == '{') || (keyword == "import" && after < end && *after == '"');
}

}  // namespace

// Called with p at a fence; leaves p after the closing fence, or at end.
bool skip_text_block(const char*& p, const char* end) {
  std::size_t fence = backticks_at(p, end);
  p = end_of_line(p, end);
  while (p < end) {
    ++p;  // the newline
    const char* q = p;
    while (q < end && (*q == ' ' || *q == '\t')) ++q;
    const char* after = q + backticks_at(q, end);
    auto tag_char = [&](const char* c) { return c < end && (std::isalnum(static_cast<unsigned char>(*c)) || std::strchr("-_+.", *c)); };
    if (after < end && *after == '-' && !tag_char(after + 1)) ++after;  // ```- closes too, dropping the final line break
    bool tagged = tag_char(after);
    if (backticks_at(q, end) == fence && !tagged) {
      p = after;
      return true;
    }
    p = end_of_line(p, end);
  }
  return false;
}

const char* skip_declaration(const char* begin, const char* end, Level level) {
  const char* p = begin;
  // Open brackets, innermost last. A closing bracket also closes any bracket
  // left open inside it, so `{ A: [1, 2 }` still ends the declaration.
  std::string open;
  auto close = [&](char opener) {
    std::size_t at = open.rfind(opener);
    if (at != std::string::npos) open.erase(at);
  };
  while (p < end) {
    char c = *p;
    if (c == '\n') {
      if (p != begin && (open.empty() || declaration_starts_at(p + 1, end))) return p;
      ++p;
    } else if (c == '#') {
      p = end_of_line(p, end);
    } else if (c == '"') {
      ++p;
      while (p < end && *p != '"' && *p != '\n') p += (*p == '\\' && p + 1 < end && p[1] != '\n') ? 2 : 1;
      if (p < end && *p == '"') ++p;
    } else if (c == '`' && backticks_at(p, end) >= 3) {
      skip_text_block(p, end);
    } else if (c == '{' || c == '[' || c == '(') {
      open += c;
      ++p;
    } else if (c == '}' || c == ']' || c == ')') {
      if (open.empty() && c == '}' && level == Level::Stack) {
        return p == begin ? p + 1 : p;
      }
      close(c == '}' ? '{' : c == ']' ? '[' : '(');
      ++p;
    } else {
      ++p;
    }
  }
  return p == begin && p < end ? p + 1 : p;
}

std::string word_at(const char* p, const char* end) {
  std::string word;
  while (p < end && word.size() < 40 && (std::isalnum(static_cast<unsigned char>(*p)) || *p == '_')) word += *p++;
  if (word.empty() && p < end) word = std::string(1, *p);
  return word;
}

}  // namespace infrac::grammar::skip_item
