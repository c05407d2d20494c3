#include "parse/secrets.hpp"

#include <algorithm>
#include <cctype>

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

}  // namespace

void mark_no_echo_literals(std::string_view text, FileId file, Diagnostics& diagnostics) {
  for (std::size_t at = text.find("param"); at != std::string_view::npos; at = text.find("param", at + 5)) {
    if (!starts_word(text, at, "param")) continue;
    std::size_t end = declaration_end(text, at);
    std::string_view declaration = text.substr(at, end - at);
    if (declaration.find("no_echo") == std::string_view::npos) continue;
    for (std::size_t i = 0; i < declaration.size(); ++i) {
      if (declaration[i] != '"') continue;
      std::size_t close = i + 1;
      while (close < declaration.size() && declaration[close] != '"' && declaration[close] != '\n') {
        close += declaration[close] == '\\' ? 2 : 1;
      }
      close = std::min(close + 1, declaration.size());
      diagnostics.mark_secret({file, static_cast<std::uint32_t>(at + i), static_cast<std::uint32_t>(at + close)});
      i = close - 1;
    }
  }
}

}  // namespace infrac
