#pragma once
// Where an offset falls among the resources of a module, and which property of the
// specification is written there: shared by hover and completion.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::lsp {

// Calls fn on every resource of a module: its stacks', components' and loops' bodies.
void for_each_resource(const ast::Module& module, const std::function<void(const ast::Resource&)>& fn);

// Every declaration body of a module (stacks, component bodies, loop bodies).
void for_each_body(const ast::Module& module, const std::function<void(const ast::Stack&)>& fn);

struct PropertyAt {
  const ast::Resource* resource = nullptr;
  std::vector<std::string> path;  // "LaunchTemplateData", "ImageId"
  Span name_span;                 // the property name (or map key) under the cursor
  const PropertySpec* spec = nullptr;
};

// The property name under `offset` in a resource of `module`.
std::optional<PropertyAt> property_at(const ast::Module& module, std::uint32_t offset, const ResourceSpec* spec);

// The property spec at a path of property names, nested types followed.
const PropertySpec* find_property_path(const ResourceSpec& spec, const std::string& type, const std::vector<std::string>& path);
// The properties that may be written inside the value at `path` (the top level for an empty path).
std::vector<PropertySpec> properties_inside(const ResourceSpec& spec, const std::string& type, const std::vector<std::string>& path);

// "string", "list of Subnet", "map of string": a shape as hover shows it.
std::string describe_shape(const ValueShape& shape);
std::string describe_update(UpdateBehavior update);

}  // namespace infrac::lsp
