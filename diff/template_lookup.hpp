#pragma once
// Lookups into a template that may be malformed (a section that is no map, a parameter
// that is a string): null where there is nothing, so the passes need no checks of their own.
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "cfn/references.hpp"

namespace infrac::diff {

// The member `key` of a map; null when `object` is no map or has no such member.
inline const Json& member(const Json& object, const std::string& key) {
  static const Json null_value;
  if (!object.is_object()) return null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

inline const Json& resource_in(const Json& template_body, const std::string& name) {
  return member(member(template_body, "Resources"), name);
}

// A value's path (diff/model.hpp ValueChange::path) as a JSON pointer below `at`, as deep as
// its steps name places: list items by position; an item matched by key (`[Key=Env]`) has no
// position in the path, so the pointer stops at its list, unless `keyed` is given for it;
// the variables of an Fn::Sub stop it too.
inline cfn::JsonPointer pointer_of(cfn::JsonPointer at, const std::vector<std::string>& path,
                                   const std::optional<std::string>& keyed = std::nullopt) {
  for (const std::string& step : path) {
    if (step == "Fn::Sub variables") break;
    if (step.empty() || step.front() != '[') {
      at /= step;
      continue;
    }
    bool numeric = step.size() > 2 && step.find_first_not_of("0123456789", 1) == step.size() - 1;
    if (!numeric && !keyed) break;
    at /= numeric ? step.substr(1, step.size() - 2) : *keyed;
  }
  return at;
}

}  // namespace infrac::diff
