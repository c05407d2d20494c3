#include "parse/secrets.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace infrac {
namespace {

bool starts_word(std::string_view text, std::size_t at, std::string_view word) {
  if (text.substr(at, word.size()) != word) return false;
  bool before = at == 0 || !(std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_');
  std::size_t end = at + word.size();
  bool after = end >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_');
  return before && after;
}

// The end of a param declaration that starts at `begin`: the close of its `{ ... }`
// body, or the end of its line when it has none.
std::size_t declaration_end(std::string_view text, std::size_t begin) {
  int depth = 0;
  bool in_body = false;
  for (std::size_t i = begin; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '{') {
      ++depth;
      in_body = true;
    } else if (c == '}') {
      if (--depth <= 0 && in_body) return i + 1;
    } else if (c == '\n' && !in_body) {
      // A body may open on the next line; look past blank space for it.
      std::size_t next = text.find_first_not_of(" \t\r\n", i);
      if (next == std::string_view::npos || text[next] != '{') return i;
    }
  }
  return text.size();
}

// Marks every string literal in text[begin, end) secret.
void mark_literals(std::string_view text, std::size_t begin, std::size_t end, FileId file, Diagnostics& diagnostics) {
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] != '"') continue;
    std::size_t close = i + 1;
    while (close < end && text[close] != '"' && text[close] != '\n') close += text[close] == '\\' ? 2 : 1;
    close = std::min(close + 1, end);
    diagnostics.mark_secret({file, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(close)});
    i = close - 1;
  }
}

std::string_view word_after(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  std::size_t end = at;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
  return text.substr(at, end - at);
}

}  // namespace

void mark_no_echo_literals(std::string_view text, FileId file, Diagnostics& diagnostics) {
  std::set<std::string_view> let_names;  // lets a no_echo default names: their literals are secrets too
  for (std::size_t at = text.find("param"); at != std::string_view::npos; at = text.find("param", at + 5)) {
    if (!starts_word(text, at, "param")) continue;
    std::size_t end = declaration_end(text, at);
    std::string_view declaration = text.substr(at, end - at);
    if (declaration.find("no_echo") == std::string_view::npos) continue;
    mark_literals(text, at, end, file, diagnostics);
    for (std::size_t eq = declaration.find('='); eq != std::string_view::npos; eq = declaration.find('=', eq + 1)) {
      std::string_view name = word_after(text, at + eq + 1);
      if (!name.empty()) let_names.insert(name);
    }
    std::size_t keyword = declaration.find("default");
    if (keyword != std::string_view::npos) {
      std::string_view name = word_after(text, at + keyword + 7);
      if (!name.empty()) let_names.insert(name);
    }
  }
  if (let_names.empty()) return;
  for (std::size_t at = text.find("let"); at != std::string_view::npos; at = text.find("let", at + 3)) {
    if (!starts_word(text, at, "let") || !let_names.count(word_after(text, at + 3))) continue;
    mark_literals(text, at, declaration_end(text, at), file, diagnostics);
  }
}


}  // namespace infrac
