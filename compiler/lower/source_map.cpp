#include "lower/source_map.hpp"

namespace infrac {

std::optional<Span> SourceMap::find(const cfn::JsonPointer& at) const {
  for (cfn::JsonPointer p = at;; p = p.parent_pointer()) {
    if (auto it = spans_.find(p.to_string()); it != spans_.end()) return it->second;
    if (p.empty()) return std::nullopt;
  }
}

std::optional<Span> SourceMap::find(const cfn::Reference& reference) const {
  if (reference.via_sub) {
    std::string variable = reference.name + (reference.attribute.empty() ? "" : "." + reference.attribute);
    if (auto it = sub_variables_.find(reference.path.to_string() + '\n' + variable); it != sub_variables_.end()) return it->second;
  }
  return find(reference.path);
}

}  // namespace infrac
