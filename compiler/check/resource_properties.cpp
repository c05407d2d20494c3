#include "check/resource_properties.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "ast/for_each_expr.hpp"
#include "check/attributes.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

const char* shape_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::String: return "a string";
    case ValueKind::Integer: return "an integer";
    case ValueKind::Number: return "a number";
    case ValueKind::Boolean: return "`true` or `false`";
    case ValueKind::List: return "a list";
    case ValueKind::Map: return "a map";
    case ValueKind::Object: return "a map of properties";
    case ValueKind::Json: return "a JSON document";
    case ValueKind::Any: return "any value";
  }
  return "a value";
}

const char* found_name(const ast::Expr& e) {
  switch (e.kind) {
    case Kind::String: return "a string";
    case Kind::Text: return "a text";
    case Kind::Number: return e.text.find('.') != std::string::npos ? "a decimal number" : "a number";
    case Kind::Bool: return "a boolean";
    case Kind::List: return "a list";
    case Kind::Map: return "a map";
    default: return "a value";
  }
}

bool numeric(const std::string& text, bool integer) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return *end == '\0' && (!integer || text.find_first_of(".eE") == std::string::npos);
}

// A map written as an intrinsic function (`{ "Fn::If": ... }`, `{ Ref: ... }`) has no shape to check.
bool is_written_intrinsic(const ast::Expr& e) {
  return e.kind == Kind::Map && e.entries.size() == 1 &&
         (e.entries[0].key == "Ref" || e.entries[0].key.rfind("Fn::", 0) == 0 || e.entries[0].key == "Condition");
}

// References, calls and written-out intrinsics are known only at deploy time.
bool dynamic(const ast::Expr& e) {
  return e.kind == Kind::Reference || e.kind == Kind::Call || e.kind == Kind::Invalid || is_written_intrinsic(e);
}

// Interpolated text is a string once deployed, but which string only then: a number
// or boolean property may take it (`"<<Delay>>"`, `"1<<Zeros>>"`).
bool deploy_time_text(const ast::Expr& e) { return e.kind == Kind::Text; }

class SpecChecker {
 public:
  SpecChecker(const ResourceSpec& spec, bool transformed, Diagnostics& diagnostics)
      : spec_(spec), transformed_(transformed), diagnostics_(diagnostics) {}

  void resource(const ast::Resource& r) {
    const std::string& type = r.type.text;
    if (type.rfind("Custom::", 0) == 0 || type == "AWS::CloudFormation::CustomResource") return;
    const ResourceTypeSpec* spec = spec_.find_type(type);
    if (!spec) {
      if (type.find("::") == std::string::npos) return;  // reported by the shape check of declarations
      if (transformed_) return;  // a transform (SAM, a macro) defines types of its own
      auto& d = diagnostics_.error(r.type.span, "unknown resource type `" + type + "`");
      add_did_you_mean(d, type, spec_.type_names());
      return;
    }
    type_ = spec;
    for (const auto& p : r.properties) {
      const PropertySpec* property = spec->find_property(p.name);
      if (!property && attribute_keyword_for(p.name)) continue;  // reported by check_resource, with the attribute to write
      if (!property) {
        unknown_property(p.name, p.name_span, type, spec->properties);
        continue;
      }
      value(p.value, property->shape, p.name);
    }
    for (const auto& required : spec->required) {
      bool given = std::any_of(r.properties.begin(), r.properties.end(), [&](const ast::Property& p) { return p.name == required; });
      if (!given) diagnostics_.error(r.name_span, "resource `" + r.name + "` (`" + type + "`) requires property `" + required + "`");
    }
  }

 private:
  const ResourceSpec& spec_;
  bool transformed_;
  Diagnostics& diagnostics_;
  const ResourceTypeSpec* type_ = nullptr;

  void unknown_property(const std::string& name, Span span, const std::string& owner, const std::vector<PropertySpec>& known) {
    auto& d = diagnostics_.error(span, "`" + owner + "` has no property `" + name + "`");
    std::vector<std::string> names;
    for (const auto& k : known) names.push_back(k.name);
    add_did_you_mean(d, name, names);
  }

  void mismatch(const ast::Expr& e, ValueKind wanted, const std::string& what) {
    diagnostics_.error(e.span, fmt::format("`{}` takes {}, not {}", what, shape_name(wanted), found_name(e)));
  }

  void value(const ast::Expr& e, const ValueShape& shape, const std::string& what) {
    if (dynamic(e)) return;
    switch (shape.kind) {
      case ValueKind::String:
        if (e.kind == Kind::List || e.kind == Kind::Map) mismatch(e, shape.kind, what);
        return;
      case ValueKind::Integer:
      case ValueKind::Number:
        if (deploy_time_text(e)) return;
        if (e.kind == Kind::List || e.kind == Kind::Map || e.kind == Kind::Bool ||
            ((e.kind == Kind::String || e.kind == Kind::Number) && !numeric(e.text, shape.kind == ValueKind::Integer))) {
          mismatch(e, shape.kind, what);
        }
        return;
      case ValueKind::Boolean:
        if (deploy_time_text(e)) return;
        if (e.kind != Kind::Bool && !(e.kind == Kind::String && (e.text == "true" || e.text == "false"))) mismatch(e, shape.kind, what);
        return;
      case ValueKind::List:
        if (e.kind != Kind::List) {
          mismatch(e, shape.kind, what);
          return;
        }
        for (const auto& item : e.items) value(item, {shape.item, ValueKind::Any, shape.nested_type, {}}, what);
        return;
      case ValueKind::Map:
        if (e.kind != Kind::Map) {
          mismatch(e, shape.kind, what);
          return;
        }
        for (const auto& entry : e.entries) value(entry.value, {shape.item, ValueKind::Any, shape.nested_type, {}}, what + "." + entry.key);
        return;
      case ValueKind::Object:
        if (e.kind != Kind::Map) {
          mismatch(e, shape.kind, what);
          return;
        }
        object(e, shape.nested_type, what);
        return;
      case ValueKind::Json:
      case ValueKind::Any:
        return;
    }
  }

  void object(const ast::Expr& map, const std::string& nested_type, const std::string& what) {
    const PropertyTypeSpec* nested = type_ ? type_->find_property_type(nested_type) : nullptr;
    if (!nested) return;
    for (const auto& entry : map.entries) {
      const PropertySpec* property = nested->find_property(entry.key);
      if (!property) {
        unknown_property(entry.key, entry.key_span, what, nested->properties);
        continue;
      }
      value(entry.value, property->shape, what + "." + entry.key);
    }
    for (const auto& property : nested->properties) {
      if (!property.required) continue;
      bool given = std::any_of(map.entries.begin(), map.entries.end(), [&](const ast::MapEntry& e) { return e.key == property.name; });
      if (!given) diagnostics_.error(map.span, "`" + what + "` requires property `" + property.name + "`");
    }
  }
};

// `Res.Attr`, `<<Res.Attr>>` and get_att(Res, "Attr") must name an attribute of Res's type.
class AttributeChecker {
 public:
  AttributeChecker(const StackSymbols& symbols, const ResourceSpec& spec, Diagnostics& diagnostics)
      : symbols_(symbols), spec_(spec), diagnostics_(diagnostics) {}

  void visit(const ast::Expr& e) {
    if (e.kind == Kind::Reference && !e.attribute.empty()) check(e.name, e.attribute, e.span);
    if (e.kind == Kind::Text) {
      for (const auto& part : e.parts) {
        if (part.kind == ast::TextPart::Kind::Reference && !part.attribute.empty()) check(part.text, part.attribute, part.span);
      }
    }
    if (e.kind == Kind::Call && e.name == "get_att" && e.items.size() == 2 && e.items[1].kind == Kind::String) {
      check(e.items[0].name, e.items[1].text, e.items[1].span);
    }
    for (const auto& item : e.items) visit(item);
    for (const auto& entry : e.entries) visit(entry.value);
  }

 private:
  const StackSymbols& symbols_;
  const ResourceSpec& spec_;
  Diagnostics& diagnostics_;

  void check(const std::string& resource, const std::string& attribute, Span span) {
    auto it = symbols_.resources.find(resource);
    if (it == symbols_.resources.end()) return;
    const ResourceTypeSpec* type = spec_.find_type(it->second->type.text);
    if (!type || type->find_attribute(attribute)) return;
    auto& d = diagnostics_.error(span, "`" + type->name + "` has no attribute `" + attribute + "`");
    std::vector<std::string> names;
    for (const auto& a : type->attributes) names.push_back(a.name);
    add_did_you_mean(d, attribute, names);
    if (d.notes.empty() && !names.empty()) {
      std::string list;
      for (std::size_t i = 0; i < names.size() && i < 8; ++i) list += (i ? ", `" : "`") + names[i] + "`";
      d.notes.push_back({std::nullopt, "its attributes are " + list + (names.size() > 8 ? ", ..." : "")});
    }
  }
};

}  // namespace

void check_resource_against_spec(const ast::Stack& stack, const ast::Resource& resource, const StackSymbols& symbols,
                                 const ResourceSpec& spec, Diagnostics& diagnostics) {
  bool transformed = std::any_of(stack.attributes.begin(), stack.attributes.end(),
                                 [](const ast::Attribute& a) { return a.keyword == "transform"; });
  SpecChecker(spec, transformed, diagnostics).resource(resource);
  AttributeChecker attributes(symbols, spec, diagnostics);
  for (const auto& p : resource.properties) attributes.visit(p.value);
  for (const auto& a : resource.attributes) attributes.visit(a.value);
}

void check_output_against_spec(const ast::Output& output, const StackSymbols& symbols, const ResourceSpec& spec,
                               Diagnostics& diagnostics) {
  AttributeChecker attributes(symbols, spec, diagnostics);
  attributes.visit(output.value);
  for (const auto& a : output.attributes) attributes.visit(a.value);
}

}  // namespace infrac
