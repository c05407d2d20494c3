#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "resolve/rewrite.hpp"

namespace infrac {

// Stamps out the declarations of every `for` loop of `body`, once per item of
// its list, with the loop variable replaced by the item (also in declaration
// names: `Subnet<<Zone>>`). Nested loops expand from the outside in.
void expand_loops(ast::Stack& body, ExpansionBudget& budget, Diagnostics& diagnostics);

// Moves the declarations of `fragment` into `into`; its policy statements join
// the first policy of `into` (one is made at `span` when there is none).
void merge_declarations(ast::Stack& into, ast::Stack&& fragment, Span span);

}  // namespace infrac
