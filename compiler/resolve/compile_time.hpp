#pragma once
// The values that are computed when compiling, after lets, loops and components
// have put every value in place: `...list` spliced into its list, `range(a, b)`
// made a list of numbers, and fields that a `for` item or an optional component
// parameter leaves out (Expr::Kind::Absent) dropped with what holds them, and
// `logical_id(Name)` made the text of Name's logical id.
#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Splices every `...list` of `expr` and evaluates every `range(...)` in it.
void evaluate_compile_time(ast::Expr& expr, Diagnostics& diagnostics);

// Evaluates every value of the stack as above, then drops each property, attribute,
// map entry and list item whose value is left out; an absent value anywhere else
// (a function argument, an output's value) is an error.
void finish_values(ast::Stack& stack, Diagnostics& diagnostics);

}  // namespace infrac
