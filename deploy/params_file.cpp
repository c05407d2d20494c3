#include "deploy/params_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "cfn/json.hpp"

namespace infrac::deploy {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One YAML or JSON document as JSON, so both forms go through one reader.
Json yaml_to_json(const YAML::Node& n, int depth) {
  if (depth > 64) throw YAML::Exception(YAML::Mark::null_mark(), "nested too deeply");
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = yaml_to_json(kv.second, depth + 1);
      return o;
    }
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& v : n) a.push_back(yaml_to_json(v, depth + 1));
      return a;
    }
    case YAML::NodeType::Scalar: return n.as<std::string>();
    default: return nullptr;
  }
}

std::variant<std::string, std::string> scalar_text(const Json& v) {  // index 0: value, 1: problem
  if (v.is_string()) return std::variant<std::string, std::string>(std::in_place_index<0>, v.get<std::string>());
  if (v.is_number() || v.is_boolean()) return std::variant<std::string, std::string>(std::in_place_index<0>, v.dump());
  if (v.is_array()) {
    std::string joined;
    for (const auto& x : v) {
      if (x.is_object() || x.is_array() || x.is_null())
        return std::variant<std::string, std::string>(std::in_place_index<1>, "a list may hold only plain values");
      joined += (joined.empty() ? "" : ",") + (x.is_string() ? x.get<std::string>() : x.dump());
    }
    return std::variant<std::string, std::string>(std::in_place_index<0>, joined);
  }
  return std::variant<std::string, std::string>(std::in_place_index<1>, "a value must be text, a number, a boolean or a list");
}

}  // namespace

std::variant<ParameterValues, std::string> parse_params_file(const std::string& path, const std::string& text) {
  Json doc = Json::parse(text, nullptr, false);
  bool yaml = ends_with(path, ".yml") || ends_with(path, ".yaml") || doc.is_discarded();
  if (yaml) {
    try {
      doc = yaml_to_json(YAML::Load(text), 0);
    } catch (const YAML::Exception& e) {
      return fmt::format("{}:{}:{}: error: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg);
    }
  }
  if (!doc.is_object()) return fmt::format("{}: error: expected {{ \"<stack>\": {{ \"<Parameter>\": \"value\" }} }}", path);
  ParameterValues values;
  for (const auto& [stack, params] : doc.items()) {
    if (!params.is_object()) return fmt::format("{}: error: `{}` must map parameter names to values", path, stack);
    for (const auto& [name, value] : params.items()) {
      auto t = scalar_text(value);
      if (t.index() == 1) return fmt::format("{}: error: `{}.{}`: {}", path, stack, name, std::get<1>(t));
      values[stack][name] = std::get<0>(t);
    }
  }
  return values;
}

}  // namespace infrac::deploy
