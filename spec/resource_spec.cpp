#include "spec/resource_spec.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace infrac {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;

// The spec's own exception, so that a malformed record is told apart from a bug.
struct BadRecord : std::runtime_error {
  using std::runtime_error::runtime_error;
};

ValueKind parse_kind(const json& value) {
  const std::string& text = value.get_ref<const std::string&>();
  static constexpr std::pair<std::string_view, ValueKind> kKinds[] = {
      {"string", ValueKind::String}, {"integer", ValueKind::Integer}, {"number", ValueKind::Number},
      {"boolean", ValueKind::Boolean}, {"list", ValueKind::List},      {"map", ValueKind::Map},
      {"object", ValueKind::Object}, {"json", ValueKind::Json},       {"any", ValueKind::Any}};
  for (const auto& [name, kind] : kKinds) {
    if (name == text) return kind;
  }
  throw BadRecord("unknown value kind `" + text + "`");
}

UpdateBehavior parse_update(const json& value) {
  const std::string& text = value.get_ref<const std::string&>();
  if (text == "M") return UpdateBehavior::Mutable;
  if (text == "I") return UpdateBehavior::Immutable;
  if (text == "C") return UpdateBehavior::Conditional;
  throw BadRecord("unknown update behaviour `" + text + "`");
}

// [kind, item, nested type, required 0/1, update M/I/C] and, when the schema has an enum, [allowed values]
PropertySpec parse_property(const std::string& name, const json& value) {
  if (!value.is_array() || value.size() < 5 || value.size() > 6) {
    throw BadRecord("property `" + name + "` is not a 5- or 6-element array");
  }
  PropertySpec property;
  property.name = name;
  property.shape.kind = parse_kind(value[0]);
  if (!value[1].get_ref<const std::string&>().empty()) property.shape.item = parse_kind(value[1]);
  property.shape.nested_type = value[2].get<std::string>();
  property.required = value[3].get<int>() != 0;
  property.update = parse_update(value[4]);
  if (value.size() == 6) property.shape.allowed = value[5].get<std::vector<std::string>>();
  return property;
}

// [kind] or [kind, item]
AttributeSpec parse_attribute(const std::string& name, const json& value) {
  if (!value.is_array() || value.empty() || value.size() > 2) throw BadRecord("attribute `" + name + "` is malformed");
  AttributeSpec attribute;
  attribute.name = name;
  attribute.shape.kind = parse_kind(value[0]);
  if (value.size() == 2) attribute.shape.item = parse_kind(value[1]);
  return attribute;
}

// JSON objects iterate in key order (nlohmann::json's std::map), so every vector comes out sorted.
std::vector<PropertySpec> parse_properties(const json& object) {
  std::vector<PropertySpec> properties;
  properties.reserve(object.size());
  for (const auto& [name, value] : object.items()) properties.push_back(parse_property(name, value));
  return properties;
}

std::vector<AttributeSpec> parse_attributes(const json& record, const char* key) {
  std::vector<AttributeSpec> attributes;
  if (auto it = record.find(key); it != record.end()) {
    attributes.reserve(it->size());
    for (const auto& [name, value] : it->items()) attributes.push_back(parse_attribute(name, value));
  }
  return attributes;
}

ResourceTypeSpec parse_type(std::string name, std::string_view text) {
  json record = json::parse(text.begin(), text.end());
  if (!record.is_object()) throw BadRecord("the record is not an object");
  ResourceTypeSpec type;
  type.name = std::move(name);
  type.properties = parse_properties(record.at("p"));
  if (auto it = record.find("t"); it != record.end()) {
    type.property_types.reserve(it->size());
    for (const auto& [nested_name, value] : it->items()) {
      type.property_types.push_back({nested_name, parse_properties(value)});
    }
  }
  type.attributes = parse_attributes(record, "a");
  type.attribute_prefixes = parse_attributes(record, "ap");
  type.required = record.at("r").get<std::vector<std::string>>();
  return type;
}

template <typename T>
const T* find_by_name(const std::vector<T>& sorted, std::string_view name) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const T& element, std::string_view wanted) { return element.name < wanted; });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

std::string read_whole_file(const std::string& path, std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = "cannot read the resource specification " + path + ": it is a directory";
    return {};
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    error = "cannot read the resource specification " + path + ": " + std::strerror(errno);
    return {};
  }
  stream.seekg(0, std::ios::end);
  std::string text(static_cast<std::size_t>(std::max<std::streamoff>(stream.tellg(), 0)), '\0');
  stream.seekg(0);
  stream.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (!stream) error = "cannot read the resource specification " + path + ": " + std::strerror(errno);
  return text;
}

}  // namespace

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::String: return "string";
    case ValueKind::Integer: return "integer";
    case ValueKind::Number: return "number";
    case ValueKind::Boolean: return "boolean";
    case ValueKind::List: return "list";
    case ValueKind::Map: return "map";
    case ValueKind::Object: return "object";
    case ValueKind::Json: return "json";
    case ValueKind::Any: return "any";
  }
  return "any";
}

std::string_view to_string(UpdateBehavior update) {
  switch (update) {
    case UpdateBehavior::Mutable: return "Mutable";
    case UpdateBehavior::Immutable: return "Immutable";
    case UpdateBehavior::Conditional: return "Conditional";
  }
  return "Mutable";
}

const PropertySpec* PropertyTypeSpec::find_property(std::string_view property) const {
  return find_by_name(properties, property);
}

const PropertySpec* ResourceTypeSpec::find_property(std::string_view property) const {
  return find_by_name(properties, property);
}

const PropertyTypeSpec* ResourceTypeSpec::find_property_type(std::string_view property_type) const {
  return find_by_name(property_types, property_type);
}

std::optional<AttributeSpec> ResourceTypeSpec::find_attribute(std::string_view attribute) const {
  if (const AttributeSpec* exact = find_by_name(attributes, attribute)) return *exact;
  for (const AttributeSpec& prefix : attribute_prefixes) {
    if (attribute.size() > prefix.name.size() && attribute.starts_with(prefix.name)) {
      return AttributeSpec{std::string(attribute), prefix.shape};
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- loading

// The file is JSON with one resource type per line (see stdlib/spec/README.md):
//   {"format":1,"cfn-lint":"1.51.0","region":"us-east-1","types":{
//   "AWS::X::Y":{...record...},
//   ...
//   "Module":{...record...}
//   }}
// so indexing needs only a scan for line ends; records are parsed on demand.
std::optional<ResourceSpec> load_resource_spec(const std::string& path, std::string& error) {
  error.clear();
  auto text = std::make_shared<std::string>(read_whole_file(path, error));
  if (!error.empty()) return std::nullopt;
  auto fail = [&](std::size_t line, const std::string& why) {
    error = "malformed resource specification " + path + " (line " + std::to_string(line) + "): " + why;
    return std::nullopt;
  };
  if (text->size() >= UINT32_MAX) return fail(1, "the file is too large");

  ResourceSpec spec;
  spec.path_ = path;
  std::string_view all = *text;
  std::size_t line_end = all.find('\n');
  if (line_end == std::string_view::npos) return fail(1, "no line ends");
  {
    // The header line is `{...,"types":{`; closing it makes it a JSON document of its own.
    std::string_view header = all.substr(0, line_end);
    constexpr std::string_view kTypesKey = "\"types\":{";
    if (!header.ends_with(kTypesKey)) return fail(1, "the first line does not end with `\"types\":{`");
    json fields = json::parse(std::string(header) + "}}", nullptr, false);
    if (fields.is_discarded() || !fields.is_object()) return fail(1, "the header is not JSON");
    auto format = fields.find("format");
    if (format == fields.end() || !format->is_number_integer()) return fail(1, "no format number");
    spec.format_ = format->get<int>();
    if (spec.format_ != kFormat) {
      return fail(1, "format " + std::to_string(spec.format_) + " is not the supported format " +
                         std::to_string(kFormat) + " (regenerate it with tools/regenerate-spec)");
    }
    spec.cfn_lint_version_ = fields.value("cfn-lint", "");
    spec.region_ = fields.value("region", "");
  }

  std::size_t line = 1;
  std::size_t pos = line_end + 1;
  bool closed = false;
  while (pos < all.size()) {
    ++line;
    std::size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view entry = all.substr(pos, end - pos);
    std::size_t entry_begin = pos;
    pos = end + 1;
    if (entry == "}}") {
      closed = true;
      break;
    }
    // "Name":{record}   with a comma after every entry but the last
    if (entry.size() < 5 || entry.front() != '"') return fail(line, "expected `\"<type name>\":{...}`");
    std::size_t name_end = entry.find('"', 1);
    if (name_end == std::string_view::npos || name_end + 1 >= entry.size() || entry[name_end + 1] != ':') {
      return fail(line, "expected `\"<type name>\":{...}`");
    }
    std::string_view name = entry.substr(1, name_end - 1);
    if (name.find('\\') != std::string_view::npos) return fail(line, "escaped characters in a type name");
    std::string_view body = entry.substr(name_end + 2);
    if (body.ends_with(',')) body.remove_suffix(1);
    if (body.size() < 2 || body.front() != '{' || body.back() != '}') return fail(line, "the record is not an object");
    if (!spec.names_.empty() && !(spec.names_.back() < name)) return fail(line, "type names are not sorted");
    auto begin = static_cast<std::uint32_t>(entry_begin + name_end + 2);
    spec.names_.emplace_back(name);
    spec.records_.push_back({begin, static_cast<std::uint32_t>(begin + body.size())});
  }
  if (!closed) return fail(line, "the file does not end with `}}`");
  spec.text_ = std::move(text);
  spec.states_.assign(spec.names_.size(), ResourceSpec::State::Unparsed);
  spec.parsed_.resize(spec.names_.size());
  return spec;
}

std::optional<std::size_t> ResourceSpec::index_of(std::string_view type) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), type);
  if (it == names_.end() || *it != type) return std::nullopt;
  return static_cast<std::size_t>(it - names_.begin());
}

const ResourceTypeSpec* ResourceSpec::parse_record(std::size_t index, std::string* error) const {
  if (states_[index] == State::Parsed) return &*parsed_[index];
  const Record& record = records_[index];
  std::string_view text = std::string_view(*text_).substr(record.begin, record.end - record.begin);
  try {
    parsed_[index] = parse_type(names_[index], text);
    states_[index] = State::Parsed;
    return &*parsed_[index];
  } catch (const std::exception& e) {  // json::exception or BadRecord
    states_[index] = State::Broken;
    if (error != nullptr) *error = "the record of " + names_[index] + " in " + path_ + " is malformed: " + e.what();
    return nullptr;
  }
}

const ResourceTypeSpec* ResourceSpec::find_type(std::string_view type) const {
  std::optional<std::size_t> index = index_of(type);
  if (!index || states_[*index] == State::Broken) return nullptr;
  return parse_record(*index, nullptr);
}

const PropertySpec* ResourceSpec::find_property(std::string_view type, std::string_view property) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_property(property) : nullptr;
}

const PropertyTypeSpec* ResourceSpec::find_property_type(std::string_view type, std::string_view property_type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_property_type(property_type) : nullptr;
}

const PropertySpec* ResourceSpec::find_nested_property(std::string_view type, std::string_view property_type,
                                                       std::string_view property) const {
  const PropertyTypeSpec* nested = find_property_type(type, property_type);
  return nested != nullptr ? nested->find_property(property) : nullptr;
}

std::span<const std::string> ResourceSpec::required_properties(std::string_view type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? std::span<const std::string>(spec->required) : std::span<const std::string>();
}

std::span<const AttributeSpec> ResourceSpec::attributes(std::string_view type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? std::span<const AttributeSpec>(spec->attributes) : std::span<const AttributeSpec>();
}

std::optional<AttributeSpec> ResourceSpec::find_attribute(std::string_view type, std::string_view attribute) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_attribute(attribute) : std::nullopt;
}

std::optional<UpdateBehavior> ResourceSpec::update_behavior(std::string_view type,
                                                            std::span<const std::string> path) const {
  const ResourceTypeSpec* spec = find_type(type);
  if (spec == nullptr || path.empty()) return std::nullopt;
  auto rank = [](UpdateBehavior update) {
    switch (update) {
      case UpdateBehavior::Immutable: return 2;
      case UpdateBehavior::Conditional: return 1;
      case UpdateBehavior::Mutable: return 0;
    }
    return 0;
  };
  UpdateBehavior strictest = UpdateBehavior::Mutable;
  const PropertySpec* property = spec->find_property(path[0]);
  for (std::size_t i = 0;; ++i) {
    if (property == nullptr) return std::nullopt;
    if (rank(property->update) > rank(strictest)) strictest = property->update;
    if (i + 1 == path.size()) return strictest;
    const PropertyTypeSpec* nested = spec->find_property_type(property->shape.nested_type);
    if (nested == nullptr) return std::nullopt;
    property = nested->find_property(path[i + 1]);
  }
}

bool ResourceSpec::validate(std::string& error) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const ResourceTypeSpec* type = parse_record(i, &error);
    if (type == nullptr) return false;
    // Every nested type a property names is in the record.
    auto check = [&](const std::vector<PropertySpec>& properties, const std::string& owner) {
      for (const PropertySpec& property : properties) {
        if (!property.shape.nested_type.empty() && type->find_property_type(property.shape.nested_type) == nullptr) {
          error = names_[i] + ": " + owner + property.name + " names the missing property type " +
                  property.shape.nested_type;
          return false;
        }
      }
      return true;
    };
    if (!check(type->properties, "")) return false;
    for (const PropertyTypeSpec& nested : type->property_types) {
      if (!check(nested.properties, nested.name + ".")) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- locating

SpecLocations default_spec_locations() { return default_library_locations(); }

std::string locate_resource_spec(const SpecLocations& where, std::vector<std::string>* tried) {
  return locate_in_library(where, "spec/resource-spec.json", tried);
}

}  // namespace infrac
