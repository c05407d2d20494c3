#include "cfn/for_each.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "cfn/tree_builder.hpp"

namespace infrac::cfn {
namespace {

using Bound = std::vector<std::pair<std::string, std::string>>;  // identifier -> item, innermost last

const std::string* bound_item(const Bound& bound, const std::string& identifier) {
  for (auto it = bound.rbegin(); it != bound.rend(); ++it) {
    if (it->first == identifier) return &it->second;
  }
  return nullptr;
}

class Expander {
 public:
  explicit Expander(std::vector<ForEachProblem>& problems) : problems_(problems) {}

  bool exhausted() const { return exhausted_; }

  Json walk(const Json& value, const Json::json_pointer& at, const Bound& bound) {
    if (value.is_array()) {
      Json out = Json::array();
      for (std::size_t i = 0; i < value.size(); ++i) out.push_back(walk(value[i], at / i, bound));
      return out;
    }
    if (!value.is_object()) return value;
    if (value.size() == 1) {
      if (auto replaced = function(value.begin().key(), value.begin().value(), at / value.begin().key(), bound)) return *replaced;
    }
    Object out;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const Json::json_pointer here = at / it.key();
      if (it.key().starts_with(kForEachPrefix)) {
        loop(*it, here, bound, out);
      } else {
        place(out, bound.empty() ? it.key() : replace_identifiers(it.key(), bound), walk(*it, here, bound), here);
      }
    }
    return std::move(out.value);
  }

 private:
  std::vector<ForEachProblem>& problems_;
  std::size_t copied_ = 0;  // values made by copying fragments so far
  bool exhausted_ = false;

  void problem(const Json::json_pointer& at, std::string message) { problems_.push_back({at, std::move(message)}); }

  // A map being made, with its keys in a hash set: ordered_json searches its keys one by one.
  struct Object {
    Json value = Json::object();
    std::unordered_set<std::string> keys;
  };

  void place(Object& out, const std::string& key, Json value, const Json::json_pointer& at) {
    if (!out.keys.insert(key).second) return problem(at, "`Fn::ForEach` makes the key `" + key + "` twice");
    out.value.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
  }

  // One loop: its fragment walked once per item, the copies' keys placed in `out`.
  void loop(const Json& arguments, const Json::json_pointer& at, const Bound& bound, Object& out) {
    if (!arguments.is_array() || arguments.size() != 3 || !arguments[0].is_string() || !arguments[2].is_object()) {
      return problem(at, "`Fn::ForEach` takes [identifier, collection, {key: value}]");
    }
    const Json& collection = arguments[1];
    if (!collection.is_array()) {
      return problem(at / 1, "the collection of `Fn::ForEach` is known only at deploy (" + collection.dump() +
                                 "): only a written-out list can be expanded before then (an infra `for` loop goes over a list known when compiling)");
    }
    for (std::size_t i = 0; i < collection.size(); ++i) {
      if (!collection[i].is_string()) return problem(at / 1 / i, "an item of a `Fn::ForEach` collection must be text, found " + collection[i].dump());
    }
    std::size_t fragment = detail::count_nodes(arguments[2], kMaxForEachValues);
    for (const Json& item : collection) {
      // Loops in loops multiply: past the budget, stop (once) rather than hang.
      if (exhausted_ || (copied_ += fragment) > kMaxForEachValues) {
        if (!exhausted_) problem(at, fmt::format("`Fn::ForEach` expands to more than {} values", kMaxForEachValues));
        exhausted_ = true;
        return;
      }
      Bound inner = bound;
      inner.emplace_back(arguments[0].get<std::string>(), item.get<std::string>());
      Json copy = walk(arguments[2], at / 2, inner);
      for (auto it = copy.begin(); it != copy.end(); ++it) place(out, it.key(), std::move(*it), at / 2 / it.key());
    }
  }

  // A one-key intrinsic map that the transform rewrites, or nothing to walk it as any map.
  std::optional<Json> function(const std::string& key, const Json& argument, const Json::json_pointer& at, const Bound& bound) {
    if (bound.empty()) return std::nullopt;
    if (key == "Ref") {
      Json name = walk(argument, at, bound);
      if (const std::string* text = sub_text(name)) name = *text;
      if (name.is_string()) {
        if (const std::string* item = bound_item(bound, name.get<std::string>())) return Json(*item);
      }
      return Json{{"Ref", std::move(name)}};
    }
    if (key == "Fn::Sub") {
      Json out = walk(argument, at, bound);
      if (out.is_string()) out = replace_identifiers(out.get<std::string>(), bound);
      if (out.is_array() && !out.empty() && out[0].is_string()) out[0] = replace_identifiers(out[0].get<std::string>(), bound);
      return Json{{"Fn::Sub", std::move(out)}};
    }
    if (key == "Fn::GetAtt" && argument.is_array()) {
      Json out = walk(argument, at, bound);
      for (auto& part : out) {
        if (const std::string* text = sub_text(part)) part = *text;
      }
      return Json{{"Fn::GetAtt", std::move(out)}};
    }
    if (key == "Fn::If" && argument.is_array() && argument.size() == 3) {
      Json out = argument;
      out[1] = walk(argument[1], at / 1, bound);
      out[2] = walk(argument[2], at / 2, bound);
      return Json{{"Fn::If", std::move(out)}};
    }
    return std::nullopt;
  }

  // An `Fn::Sub` of a text with no variable left: that text (a name of a Ref or GetAtt).
  static const std::string* sub_text(const Json& value) {
    if (!value.is_object() || value.size() != 1 || !value.contains("Fn::Sub") || !value["Fn::Sub"].is_string()) return nullptr;
    const std::string& text = value["Fn::Sub"].get_ref<const std::string&>();
    return text.find("${") == std::string::npos ? &text : nullptr;
  }
};

}  // namespace

std::string alphanumeric_only(const std::string& item) {
  std::string out;
  for (char c : item) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::string replace_identifiers(const std::string& text, const Bound& bound) {
  std::string out = text;
  for (const auto& [identifier, item] : bound) {
    for (const auto& [marker, value] : {std::pair{"${" + identifier + "}", item}, std::pair{"&{" + identifier + "}", alphanumeric_only(item)}}) {
      for (std::size_t at = out.find(marker); at != std::string::npos; at = out.find(marker, at + value.size())) {
        out.replace(at, marker.size(), value);
      }
    }
  }
  return out;
}

bool has_for_each(const Json& value) {
  if (value.is_array()) return std::any_of(value.begin(), value.end(), [](const Json& v) { return has_for_each(v); });
  if (!value.is_object()) return false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (it.key().starts_with(kForEachPrefix) || has_for_each(*it)) return true;
  }
  return false;
}

ForEachExpansion expand_for_each(const Json& template_body) {
  ForEachExpansion result;
  result.template_body = template_body;
  if (!template_body.is_object() || !has_for_each(template_body)) return result;
  Expander expander(result.problems);
  for (const char* section : {"Conditions", "Resources", "Outputs"}) {
    if (auto it = template_body.find(section); it != template_body.end()) {
      result.template_body[section] = expander.walk(*it, Json::json_pointer(std::string("/") + section), {});
    }
  }
  return result;
}

}  // namespace infrac::cfn
