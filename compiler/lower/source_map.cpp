#include "lower/source_map.hpp"

namespace infrac {

PointerText PointerText::operator/(std::string_view token) const {
  if (off_) return *this;
  PointerText p;
  p.text_.reserve(text_.size() + 1 + token.size());
  p.text_ = text_;
  cfn::append_pointer_token(p.text_, token);
  return p;
}

PointerText PointerText::operator/(std::size_t index) const {
  if (off_) return *this;
  return *this / std::string_view(std::to_string(index));
}

void SourceMap::add(SourceMap&& relative, const PointerText& at) {
  // A path below the root is the root's path and the rest; a Sub variable's key starts
  // with its path too. The records' nodes move over, each key prefixed in place.
  auto move = [&](std::unordered_map<std::string, Span>& from, std::unordered_map<std::string, Span>& to) {
    while (!from.empty()) {
      auto node = from.extract(from.begin());
      node.key().insert(0, at.text());
      auto inserted = to.insert(std::move(node));
      if (!inserted.inserted) inserted.position->second = inserted.node.mapped();
    }
  };
  move(relative.spans_, spans_);
  move(relative.sub_variables_, sub_variables_);
}

std::optional<Span> SourceMap::find_text(std::string path) const {
  // The parent of an escaped pointer ends before its last `/` (a token holds none).
  for (;;) {
    if (auto it = spans_.find(path); it != spans_.end()) return it->second;
    if (path.empty()) return std::nullopt;
    path.resize(path.rfind('/'));
  }
}

std::optional<Span> SourceMap::find(const cfn::JsonPointer& at) const { return find_text(at.to_string()); }

std::optional<Span> SourceMap::find(const cfn::Reference& reference) const {
  std::string path = reference.path.to_string();
  if (reference.via_sub) {
    std::string variable = reference.name + (reference.attribute.empty() ? "" : "." + reference.attribute);
    if (auto it = sub_variables_.find(path + '\n' + variable); it != sub_variables_.end()) return it->second;
  }
  return find_text(std::move(path));
}

}  // namespace infrac
