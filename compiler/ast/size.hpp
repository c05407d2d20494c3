#pragma once
// How much an expression or a body weighs: its nodes plus the bytes of its texts.
// Expansion (lets, loops, components) is budgeted by this, not only by copies, so
// that doubling (`let A = [B, B]`, `let B = [C, C]`, ...) is stopped early.
#include <cstddef>

#include "ast/ast.hpp"
#include "ast/for_each_expr.hpp"

namespace infrac::ast {

inline std::size_t size_of(const Expr& e) {
  std::size_t size = 1 + e.text.size() + e.name.size() + e.attribute.size();
  for (const auto& part : e.parts) size += 1 + part.text.size() + part.attribute.size();
  for (const auto& item : e.items) size += size_of(item);
  for (const auto& entry : e.entries) size += entry.key.size() + size_of(entry.value);
  return size;
}

inline std::size_t size_of(const Stack& body) {
  std::size_t size = 0;
  for_each_expr(body, [&](const Expr& e) { size += size_of(e); });
  return size;
}

}  // namespace infrac::ast
