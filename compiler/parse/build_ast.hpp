#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "parse/parse_tree.hpp"

namespace infrac::parse_detail {

// Converts the parse tree of a whole file into the AST.
ast::Module build_module(const Node& root, FileId file, const char* base, Diagnostics& diagnostics);

}  // namespace infrac::parse_detail
