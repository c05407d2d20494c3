#pragma once
// What the grammar's `sp` matches (grammar/infra_grammar.hpp): blanks, line ends and `#`
// comments. Written out for the code that scans source text without the grammar: error
// recovery (skip_item.hpp) and the printer (format/printer.cpp). No PEGTL here.
namespace infrac::grammar {

// The first byte from `p` that is not trivia (or `end`).
inline const char* skip_space_and_comments(const char* p, const char* end) {
  while (p < end) {
    if (*p == '#') {
      while (p < end && *p != '\n') ++p;
    } else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f') {
      ++p;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace infrac::grammar
