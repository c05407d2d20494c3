#include "cfn/equality.hpp"

#include <algorithm>
#include <charconv>

namespace infrac::cfn {
namespace {

std::optional<double> as_number(const Json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  double d = 0;
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (error != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return d;
}

// The arguments of Fn::GetAtt in list form, for either spelling.
Json get_att_list(const Json& argument) {
  if (!argument.is_string()) return argument;
  const std::string& s = argument.get_ref<const std::string&>();
  std::size_t dot = s.find('.');
  if (dot == std::string::npos) return argument;
  return Json::array({s.substr(0, dot), s.substr(dot + 1)});
}

bool is_get_att(const Json& v) { return v.is_object() && v.size() == 1 && v.begin().key() == "Fn::GetAtt"; }

}  // namespace

std::optional<std::string> scalar_text(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

bool equal(const Json& a, const Json& b) {
  if (a.is_primitive() && b.is_primitive()) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    if (a.type() == b.type()) return a == b;
    // A number against text: equal when the text reads as the same number.
    if (a.is_number() || b.is_number()) {
      auto x = as_number(a);
      auto y = as_number(b);
      return x && y && *x == *y;
    }
    return scalar_text(a) == scalar_text(b);
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!equal(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (is_get_att(a) && is_get_att(b)) return equal(get_att_list(a.begin().value()), get_att_list(b.begin().value()));
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !equal(it.value(), *other)) return false;
    }
    return true;
  }
  return false;
}

Json normalise_value(const Json& value) {
  if (value.is_array()) {
    Json out = Json::array();
    auto& items = out.get_ref<Json::array_t&>();
    items.reserve(value.size());
    for (const auto& item : value) items.push_back(normalise_value(item));
    return out;
  }
  if (!value.is_object()) return value;
  if (is_get_att(value)) return Json{{"Fn::GetAtt", get_att_list(value.begin().value())}};
  Json out = Json::object();
  auto& members = out.get_ref<Json::object_t&>();
  members.reserve(value.size());
  for (auto it = value.begin(); it != value.end(); ++it) members.emplace_back(it.key(), normalise_value(it.value()));
  return out;
}

Json normalise_template(const Json& template_body) {
  Json out = normalise_value(template_body);
  if (!out.is_object()) return out;
  auto resources = out.find("Resources");
  if (resources == out.end() || !resources->is_object()) return out;
  for (auto& resource : *resources) {
    if (!resource.is_object()) continue;
    auto depends = resource.find("DependsOn");
    if (depends == resource.end()) continue;
    if (depends->is_string()) *depends = Json::array({*depends});
    if (depends->is_array() && std::all_of(depends->begin(), depends->end(), [](const Json& d) { return d.is_string(); })) {
      std::vector<std::string> names = depends->get<std::vector<std::string>>();
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      *depends = names;
    }
  }
  return out;
}

}  // namespace infrac::cfn
