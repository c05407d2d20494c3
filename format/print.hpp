#pragma once
// Printing the tree: values (values.cpp) and declarations (declarations.cpp). Private to format/.
#include <string>
#include <string_view>

#include "ast/ast.hpp"
#include "format/printer.hpp"

namespace infrac::format {

void print_expr(Printer& p, const ast::Expr& e);
// A map's entries or a `use`'s arguments: `Key: value`.
LineItem map_entry_item(const ast::MapEntry& entry);
// Whether the value can be printed on one line: no comment inside, not written broken.
bool can_be_flat(const SourceFacts& facts, const ast::Expr& e);

// A string literal for `text`, with escapes, and `<<!Name>>` where the text holds `<<Name>>`.
std::string quote(std::string_view text);
// A map key or a name: bare when it is a (qualified) name, else quoted.
std::string key_spelling(std::string_view key);

void print_module(Printer& p, const ast::Module& module);

}  // namespace infrac::format
