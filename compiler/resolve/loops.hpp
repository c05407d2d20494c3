#pragma once
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Loops and components multiply: a few nested ones could stamp out millions of
// declarations. Expansion stops, with one error, once this many copies are made.
struct ExpansionBudget {
  std::size_t copies_left = 20000;
  bool exhausted = false;

  // Takes one copy from the budget; false (reported once) when there is none left.
  bool take(Span at, Diagnostics& diagnostics);
};

// Stamps out the declarations of every `for` loop of `body`, once per item of
// its list, with the loop variable replaced by the item (also in declaration
// names: `Subnet<<Zone>>`). Nested loops expand from the outside in.
void expand_loops(ast::Stack& body, ExpansionBudget& budget, Diagnostics& diagnostics);

// Moves the declarations of `fragment` into `into`; its policy statements join
// the first policy of `into` (one is made at `span` when there is none).
void merge_declarations(ast::Stack& into, ast::Stack&& fragment, Span span);

}  // namespace infrac
