#pragma once
// CloudFormation's intrinsic functions as data: the JSON key of each, and which
// of its arguments name a declaration (a condition, a mapping, a resource)
// rather than being a value. Every walker over templates, infra's AST or the
// JSON model, reads this one table.
#include <optional>
#include <span>
#include <string_view>

namespace infrac::cfn {

struct Intrinsic {
  std::string_view key;        // "Fn::If", "Ref", "Condition"
  std::string_view infra_name; // the infra function that lowers to it: "if", "ref", "condition"
  // The argument that is a name and not a value: Fn::If's condition, Fn::FindInMap's
  // mapping, Condition's condition; Ref and Fn::GetAtt name parameters and resources
  // (see references.hpp). -1 when every argument is a value.
  int name_argument = -1;
  bool condition_only = false;  // Fn::Equals, And, Or, Not and Condition belong to the Conditions section
};

// Every intrinsic function, in the table's order (completion lists the infra names).
std::span<const Intrinsic> intrinsics();
// The intrinsic whose one-key map form uses `key`, if any.
const Intrinsic* find_intrinsic(std::string_view key);
// The intrinsic an infra call `name(...)` lowers to, if any.
const Intrinsic* find_intrinsic_by_infra_name(std::string_view name);

}  // namespace infrac::cfn
