#pragma once
// The one canonical layout of infra source: `infrac fmt`, the language
// server's formatting and `infrac import` all print through here.
//
//   format_source(text)  parse, then print (nothing when the text has syntax errors)
//   format_module(ast)   print a module, whether parsed or built by a program
//
// The printer works on the syntax tree, not on tokens: indentation, spacing,
// line breaks and blank lines are decided here. When the module was parsed
// from `source`, its comments are put back where they were (by their spans),
// leaves keep their spelling (string escapes, numbers) and text blocks keep
// every byte of their body; a list, map or call written with a line break
// after its opening bracket stays broken. A module built by a program (no
// source) is printed from the tree's values alone; its comments, if any, go on
// the lines above the declaration or property whose span (numbered by the
// program, in order, nested like the tree) begins after theirs.
#include <optional>
#include <string>
#include <string_view>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac::format {

struct FormatOptions {
  int width = 100;  // a list, map or call longer than this is broken, one item per line
  int indent = 2;   // spaces per nesting level
};

// Prints `module`. `source` is the text it was parsed from (its spans point
// into it), or empty for a module that a program built.
std::string format_module(const ast::Module& module, std::string_view source, const FormatOptions& options = {});

// Parses `sources.file(file)` and prints it. Syntax errors go to `diagnostics`
// and the result is empty: a file that does not parse is never rewritten.
std::optional<std::string> format_source(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                         const FormatOptions& options = {});

// The same for a text with a name (for diagnostics): `infrac fmt -`, editors.
std::optional<std::string> format_text(std::string path, std::string text, SourceManager& sources, Diagnostics& diagnostics,
                                       const FormatOptions& options = {});

}  // namespace infrac::format
