#include "lsp/workspace/properties.hpp"

namespace infrac::lsp {

void for_each_body(const ast::Module& module, const std::function<void(const ast::Stack&)>& fn) {
  std::function<void(const ast::Stack&)> body = [&](const ast::Stack& s) {
    fn(s);
    for (const auto& loop : s.loops) body(loop.body);
  };
  for (const auto& c : module.components) body(c.body);
  for (const auto& s : module.stacks) body(s);
}

void for_each_resource(const ast::Module& module, const std::function<void(const ast::Resource&)>& fn) {
  for_each_body(module, [&](const ast::Stack& s) {
    for (const auto& r : s.resources) fn(r);
  });
}

const PropertySpec* find_property_path(const ResourceSpec& spec, const std::string& type, const std::vector<std::string>& path) {
  const PropertySpec* current = nullptr;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i == 0) {
      current = spec.find_property(type, path[0]);
    } else {
      if (!current || current->shape.nested_type.empty()) return nullptr;
      current = spec.find_nested_property(type, current->shape.nested_type, path[i]);
    }
    if (!current) return nullptr;
  }
  return current;
}

std::vector<PropertySpec> properties_inside(const ResourceSpec& spec, const std::string& type, const std::vector<std::string>& path) {
  if (path.empty()) {
    const ResourceTypeSpec* t = spec.find_type(type);
    return t ? t->properties : std::vector<PropertySpec>{};
  }
  const PropertySpec* p = find_property_path(spec, type, path);
  if (!p || p->shape.nested_type.empty()) return {};
  const PropertyTypeSpec* nested = spec.find_property_type(type, p->shape.nested_type);
  return nested ? nested->properties : std::vector<PropertySpec>{};
}

namespace {

bool inside(Span s, std::uint32_t offset) { return offset >= s.begin && offset <= s.end; }

// Descends into the value of the property at `path`, looking for the map key under the cursor.
bool find_in_value(const ast::Expr& value, std::uint32_t offset, PropertyAt& at) {
  if (!inside(value.span, offset)) return false;
  for (const auto& item : value.items) {
    if (find_in_value(item, offset, at)) return true;
  }
  for (const auto& entry : value.entries) {
    if (inside(entry.key_span, offset)) {
      at.path.push_back(entry.key);
      at.name_span = entry.key_span;
      return true;
    }
    at.path.push_back(entry.key);
    if (find_in_value(entry.value, offset, at)) return true;
    at.path.pop_back();
  }
  return false;
}

}  // namespace

std::optional<PropertyAt> property_at(const ast::Module& module, std::uint32_t offset, const ResourceSpec* spec) {
  std::optional<PropertyAt> found;
  for_each_resource(module, [&](const ast::Resource& r) {
    if (found || !inside(r.span, offset)) return;
    for (const auto& p : r.properties) {
      PropertyAt at{&r, {p.name}, p.name_span, nullptr};
      if (inside(p.name_span, offset) || find_in_value(p.value, offset, at)) {
        if (!inside(at.name_span, offset)) continue;
        if (spec) at.spec = find_property_path(*spec, r.type.text, at.path);
        found = at;
        return;
      }
    }
  });
  return found;
}

std::string describe_shape(const ValueShape& shape) {
  auto simple = [](ValueKind k) { return std::string(to_string(k)); };
  switch (shape.kind) {
    case ValueKind::List:
      return "list of " + (shape.nested_type.empty() ? simple(shape.item) : "`" + shape.nested_type + "`");
    case ValueKind::Map:
      return "map of " + (shape.nested_type.empty() ? simple(shape.item) : "`" + shape.nested_type + "`");
    case ValueKind::Object:
      return shape.nested_type.empty() ? "object" : "`" + shape.nested_type + "`";
    default:
      return simple(shape.kind);
  }
}

std::string describe_update(UpdateBehavior update) {
  switch (update) {
    case UpdateBehavior::Mutable: return "updates in place";
    case UpdateBehavior::Immutable: return "a change replaces the resource";
    case UpdateBehavior::Conditional: return "a change may replace the resource";
  }
  return "";
}

}  // namespace infrac::lsp
