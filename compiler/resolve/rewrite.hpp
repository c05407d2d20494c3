#pragma once
// The one rewriting of expressions that components and loops share: replacing
// names bound at compile time (component parameters, a loop variable) by their
// values, and prefixing the names an instance declares.
#include <map>
#include <set>
#include <string>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

class Rewriter {
 public:
  // Replaces each bound name by its value: a bare name by the value, `Name.Field`
  // of a map value by that field, `<<Name>>` in text by the value spliced in.
  // `what` names the kind of binding in messages ("component parameter").
  static Rewriter substituting(std::map<std::string, ast::Expr> values, std::string what, Diagnostics& diagnostics);
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
           Diagnostics& diagnostics);

  std::string prefix_;
  std::set<std::string> declared_;
  std::map<std::string, ast::Expr> values_;
  std::string what_;
  Diagnostics& diagnostics_;
  std::set<std::string> optional_fields_;
  ast::Expr invalid_;  // what a reported lookup yields
  ast::Expr absent_;   // what a lookup of a field left out yields

  const ast::Expr* lookup(const std::string& name, const std::string& field, Span span, std::string* field_left);
  void reference(ast::Expr& e);
  void text(ast::Expr& e);
  void call(ast::Expr& e);
  void rename_in_sub(ast::Expr& text);
};

}  // namespace infrac
