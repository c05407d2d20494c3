#pragma once
// Finding a declaration's attribute, a resource's property or a map's entry by name.
#include <string_view>
#include <vector>

#include "ast/ast.hpp"

namespace infrac::ast {

inline const Attribute* find_attribute(const std::vector<Attribute>& attributes, std::string_view keyword) {
  for (const auto& a : attributes) {
    if (a.keyword == keyword) return &a;
  }
  return nullptr;
}

inline const Property* find_property(const Resource& resource, std::string_view name) {
  for (const auto& p : resource.properties) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// The value under `key` in a map expression; nothing when `map` is not a map.
inline const Expr* find_entry(const Expr& map, std::string_view key) {
  if (map.kind != Expr::Kind::Map) return nullptr;
  for (const auto& e : map.entries) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

// Whether a call's first argument names a condition, mapping, resource or parameter
// rather than being a value: if, find_in_map, condition, get_att, ref, value_of.
inline bool first_argument_is_name(const Expr& call) {
  const std::string& n = call.name;
  return call.kind == Expr::Kind::Call &&
         (n == "if" || n == "find_in_map" || n == "condition" || n == "get_att" || n == "ref" || n == "value_of" || n == "logical_id");
}

}  // namespace infrac::ast
