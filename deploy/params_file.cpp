#include "deploy/params_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "cfn/load.hpp"

namespace infrac::deploy {
namespace {

// "file:line:col: error: message" for a problem the loader found at a byte offset.
std::string located(const std::string& path, std::string_view text, const cfn::LoadProblem& p) {
  std::string_view before = text.substr(0, std::min(p.offset, text.size()));
  size_t line_start = before.rfind('\n');
  size_t line = std::count(before.begin(), before.end(), '\n') + 1;
  size_t column = before.size() - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return fmt::format("{}:{}:{}: error: {}", path, line, column, p.message);
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
  // The one loader of JSON and YAML documents, with its limits on size, nesting and aliases.
  cfn::Loaded loaded = cfn::load_document(text);
  if (!loaded.value) {
    std::string problems;
    for (const auto& p : loaded.problems) problems += (problems.empty() ? "" : "\n") + located(path, text, p);
    return problems;
  }
  const Json& doc = *loaded.value;
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
