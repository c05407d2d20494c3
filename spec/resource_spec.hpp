#pragma once
// The CloudFormation resource specification (stdlib/spec/resource-spec.json, made by
// tools/regenerate-spec from the registry schemas cfn-lint bundles; the format is in
// stdlib/spec/README.md) as a plain value, and the queries the compiler asks of it.
//
// Loading maps the file and reads its header. Where each type's record lies comes from
// the index built into infrac for stdlib's file (spec/builtin_index.hpp), else from a
// scan of the file's lines (spec/spec_layout.hpp); a type's record is parsed the first
// time it is asked for and kept. The value holds no global state: callers own it, and
// copies are independent. Because const queries fill those caches, one ResourceSpec must
// not be queried from several threads at once (give each thread its own copy; the file
// text is shared between copies).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "spec/library_path.hpp"
#include "spec/spec_layout.hpp"

namespace infrac {

// What a property or attribute value may be. Json: a free-form JSON document (an object
// without named properties, or an object-or-JSON-string). Any: several unrelated shapes.
enum class ValueKind : std::uint8_t { String, Integer, Number, Boolean, List, Map, Object, Json, Any };

// What CloudFormation does when a property changes: Mutable updates in place (or with an
// interruption); Immutable replaces the resource (createOnlyProperties); Conditional
// replaces it in some cases only (conditionalCreateOnlyProperties).
enum class UpdateBehavior : std::uint8_t { Mutable, Immutable, Conditional };

std::string_view to_string(ValueKind kind);
std::string_view to_string(UpdateBehavior update);

struct ValueShape {
  ValueKind kind = ValueKind::Any;
  ValueKind item = ValueKind::Any;  // the items of a List or the values of a Map
  std::string nested_type;          // the property type of an Object, or of the items of a List or Map
  // The schema's enum for a primitive, or for the items of a List or Map, as text (numbers
  // and booleans spelled as in JSON), in the schema's order; empty: any value of the kind.
  std::vector<std::string> allowed;
};

struct PropertySpec {
  std::string name;
  ValueShape shape;
  bool required = false;
  // This property's own behaviour; an enclosing property's can be stricter (see update_behavior).
  UpdateBehavior update = UpdateBehavior::Mutable;
};

// A nested property type of one resource type ("LaunchTemplateData" of AWS::EC2::LaunchTemplate).
struct PropertyTypeSpec {
  std::string name;
  std::vector<PropertySpec> properties;  // sorted by name

  const PropertySpec* find_property(std::string_view property) const;
};

// A name Fn::GetAtt accepts, dotted for nested values ("Endpoint.Address").
struct AttributeSpec {
  std::string name;
  ValueShape shape;
};

struct ResourceTypeSpec {
  std::string name;
  std::vector<PropertySpec> properties;         // sorted by name; read-only properties are not here
  std::vector<PropertyTypeSpec> property_types;  // sorted by name
  std::vector<AttributeSpec> attributes;         // sorted by name
  // Attributes known only by a prefix ("Outputs." of AWS::CloudFormation::Stack; "" = any name).
  std::vector<AttributeSpec> attribute_prefixes;
  std::vector<std::string> required;  // required top-level properties, sorted

  const PropertySpec* find_property(std::string_view property) const;
  const PropertyTypeSpec* find_property_type(std::string_view property_type) const;
  // An exact attribute, else the first prefix that matches (with `name` filled in).
  std::optional<AttributeSpec> find_attribute(std::string_view attribute) const;
};

class ResourceSpec {
 public:
  // Where the data came from (the file's header).
  int format() const { return format_; }
  const std::string& cfn_lint_version() const { return cfn_lint_version_; }
  const std::string& region() const { return region_; }
  const std::string& path() const { return path_; }

  // Every resource type name, sorted; costs a scan of the file, no parsing (for "did you mean").
  const std::vector<std::string>& type_names() const;
  bool has_type(std::string_view type) const { return place_of(type).has_value(); }
  // Whether the file's lines were scanned: always for a file other than stdlib's; for
  // stdlib's, once a type not built in is asked for, or type_names() (tests, benchmarks).
  bool was_scanned() const { return scanned_ != nullptr; }

  // Names are matched exactly: `Custom::X` is not AWS::CloudFormation::CustomResource
  // (a custom resource takes any properties); AWS::CDK::Metadata has no schema.
  // Returned pointers stay valid as long as this value.
  const ResourceTypeSpec* find_type(std::string_view type) const;
  const PropertySpec* find_property(std::string_view type, std::string_view property) const;
  const PropertyTypeSpec* find_property_type(std::string_view type, std::string_view property_type) const;
  const PropertySpec* find_nested_property(std::string_view type, std::string_view property_type,
                                           std::string_view property) const;
  // Empty for an unknown type.
  std::span<const std::string> required_properties(std::string_view type) const;
  std::span<const AttributeSpec> attributes(std::string_view type) const;
  std::optional<AttributeSpec> find_attribute(std::string_view type, std::string_view attribute) const;

  // The behaviour of the property at `path` (top-level property, then properties of the
  // nested types below it; list and map items are stepped through): the strictest along
  // the path, since replacing a property replaces everything inside it. Nothing when the
  // path does not name a property.
  std::optional<UpdateBehavior> update_behavior(std::string_view type, std::span<const std::string> path) const;

  // Scans the file and parses every record; tests use it to prove the whole file is well
  // formed. A record that fails to parse is otherwise reported only as a type that is not
  // found; so is every type of a file that the built-in index was taken for (the same size)
  // and that turns out malformed when scanned.
  bool validate(std::string& error) const;

 private:
  friend std::optional<ResourceSpec> load_resource_spec(const std::string& path, std::string& error);
  std::optional<SpecRecordPlace> place_of(std::string_view type) const;
  const ResourceTypeSpec* parse_record(const SpecRecordPlace& place, std::string* error) const;
  // Replaces the built-in index by the file's own lines; false (no types) when they are malformed.
  bool scan() const;
  std::string_view name_of(const SpecRecordPlace& place) const;

  int format_ = 0;
  std::string cfn_lint_version_;
  std::string region_;
  std::string path_;
  std::shared_ptr<const std::string_view> text_;  // the file, mapped (shared by copies)
  // Whether the records are found through the built-in index; else through scanned_.
  mutable bool builtin_ = false;
  mutable std::shared_ptr<const SpecLayout> scanned_;
  mutable std::string scan_error_;
  mutable std::shared_ptr<const std::vector<std::string>> names_;  // type_names(), made when first asked
  // The records parsed so far, by where they begin in the file; nullptr: malformed.
  mutable std::map<std::uint32_t, std::shared_ptr<const ResourceTypeSpec>> parsed_;
};

// Reads and indexes the spec; on failure returns nothing and says why in `error`.
std::optional<ResourceSpec> load_resource_spec(const std::string& path, std::string& error);

// Where to look for the spec file: the library roots (spec/library_path.hpp).
using SpecLocations = LibraryLocations;

// The locations of this process: $INFRAC_PATH, /proc/self/exe and the compile-time INFRAC_SOURCE_DIR.
SpecLocations default_spec_locations();

// The first spec file that exists, trying INFRAC_PATH's directories in order, then the
// installed share/ folder, then the source tree; empty when there is none. Every path
// tried is appended to `tried` when given (for the error message).
std::string locate_resource_spec(const SpecLocations& where, std::vector<std::string>* tried = nullptr);

}  // namespace infrac
