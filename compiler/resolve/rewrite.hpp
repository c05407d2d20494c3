#pragma once
// The one rewriting of expressions that components and loops share: replacing
// names bound at compile time (component parameters, a loop variable) by their
// values, and prefixing the names an instance declares.
#include <map>
#include <set>
#include <string>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "limits.hpp"

namespace infrac {

// Lets, loops and components multiply: a few nested ones could stamp out millions of
// declarations, or double a value at each step. Expansion stops, with one error naming
// the limit (docs/limits.md), once too many copies are made or what they produce
// (expression nodes plus text bytes, ast/size.hpp) is too big.
struct ExpansionBudget {
  // The limits of a compilation that has read `sources` (limits.hpp: they grow with the source).
  explicit ExpansionBudget(const SourceManager& sources);

  std::size_t copies_limit = limits::kExpansionCopies;
  std::size_t size_limit = limits::kExpansionSize;
  std::size_t copies_left = copies_limit;
  std::size_t size_left = size_limit;
  bool exhausted = false;

  // Takes one copy of `size` from the budget; false (reported once) when it does not fit.
  bool take(Span at, Diagnostics& diagnostics, std::size_t size = 0);
  // Takes `size` for a value copied in place of a name; false (reported once) when it does not fit.
  bool take_size(Span at, std::size_t size, Diagnostics& diagnostics);
};

class Rewriter {
 public:
  // Replaces each bound name by its value: a bare name by the value, `Name.Field`
  // of a map value by that field, `<<Name>>` in text by the value spliced in.
  // `what` names the kind of binding in messages ("component parameter"). What each
  // substitution copies is taken from `budget`.
  static Rewriter substituting(std::map<std::string, ast::Expr> values, std::string what, ExpansionBudget& budget,
                               Diagnostics& diagnostics);
  // Puts `prefix` before every name in `declared` and before policy patterns.
  static Rewriter renaming(std::string prefix, std::set<std::string> declared, Diagnostics& diagnostics);

  // Fields that some values have and others leave out (the keys of a loop's items):
  // a missing one becomes Expr::Kind::Absent instead of an error.
  void allow_missing(std::set<std::string> fields) { optional_fields_ = std::move(fields); }

  void expr(ast::Expr& e);
  void target(ast::PolicyTarget& t);
  std::string name(const std::string& n) const;
  // A declaration name with `<<Name>>` or `<<Name.Field>>` pieces, rendered from scalar values.
  std::string render(const std::string& templated, Span span);

 private:
  Rewriter(std::string prefix, std::set<std::string> declared, std::map<std::string, ast::Expr> values, std::string what,
           ExpansionBudget* budget, Diagnostics& diagnostics);

  std::string prefix_;
  std::set<std::string> declared_;
  std::map<std::string, ast::Expr> values_;
  std::string what_;
  ExpansionBudget* budget_;  // null when renaming: nothing is copied
  Diagnostics& diagnostics_;
  std::set<std::string> optional_fields_;
  ast::Expr invalid_;  // what a reported lookup yields
  ast::Expr absent_;   // what a lookup of a field left out yields

  const ast::Expr* lookup(const std::string& name, const std::string& field, Span span, std::string* field_left);
  bool affordable(const ast::Expr& value, Span at);
  void reference(ast::Expr& e);
  void text(ast::Expr& e);
  void call(ast::Expr& e);
  void rename_in_sub(ast::Expr& text);
};

}  // namespace infrac
