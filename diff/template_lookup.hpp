#pragma once
// Lookups into a template that may be malformed (a section that is no map, a parameter
// that is a string): null where there is nothing, so the passes need no checks of their own.
#include <string>

#include "cfn/json.hpp"

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

}  // namespace infrac::diff
