#include "check/attributes.hpp"

#include <algorithm>
#include <cctype>

namespace infrac {

std::map<std::string, const ast::Attribute*> index_attributes(const std::vector<ast::Attribute>& attributes,
                                                              const std::vector<std::string>& allowed,
                                                              const std::string& where, Diagnostics& diagnostics) {
  std::map<std::string, const ast::Attribute*> index;
  for (const auto& a : attributes) {
    if (a.colon) {
      // `description: "..."` in a parameter or output: said once, and not checked further.
      std::string keyword = a.keyword;
      std::transform(keyword.begin(), keyword.end(), keyword.begin(), [](unsigned char c) { return std::tolower(c); });
      auto& d = diagnostics.error(a.keyword_span, "a" + std::string(where == "output" ? "n " : " ") + where +
                                                      " takes attributes, written without a colon; `" + a.keyword + ":` is a property's spelling");
      if (std::find(allowed.begin(), allowed.end(), keyword) != allowed.end()) {
        std::string value = a.value.kind == ast::Expr::Kind::String   ? "\"" + a.value.text + "\""
                            : a.value.kind == ast::Expr::Kind::Number ? a.value.text
                                                                      : "value";
        d.notes.push_back({std::nullopt, "write `" + keyword + " " + value + "`"});
      } else {
        add_did_you_mean(d, keyword, allowed);
      }
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), a.keyword) == allowed.end()) {
      auto& d = diagnostics.error(a.keyword_span, "unknown " + where + " attribute `" + a.keyword + "`");
      add_did_you_mean(d, a.keyword, allowed);
      if (d.notes.empty() && where == "resource" && !a.keyword.empty() && std::isupper(static_cast<unsigned char>(a.keyword[0]))) {
        d.notes.push_back({std::nullopt, "a property is written with a colon: `" + a.keyword + ": value`"});
      }
      continue;
    }
    auto [it, inserted] = index.emplace(a.keyword, &a);
    if (!inserted) {
      auto& d = diagnostics.error(a.keyword_span, "`" + a.keyword + "` is given twice");
      d.notes.push_back({it->second->keyword_span, "first given here"});
    }
  }
  return index;
}

std::optional<std::string> attribute_keyword_for(const std::string& property_name) {
  static const std::map<std::string, std::string> keywords = {
      {"DependsOn", "depends_on"},           {"DeletionPolicy", "deletion_policy"},
      {"UpdateReplacePolicy", "update_replace_policy"}, {"Condition", "condition"},
      {"Metadata", "metadata"},               {"UpdatePolicy", "update_policy"},
      {"CreationPolicy", "creation_policy"},
  };
  auto it = keywords.find(property_name);
  if (it == keywords.end()) return std::nullopt;
  return it->second;
}

bool is_scalar(const ast::Expr& e) {
  return e.kind == ast::Expr::Kind::String || e.kind == ast::Expr::Kind::Number || e.kind == ast::Expr::Kind::Bool;
}

namespace {
bool expect(const ast::Attribute& a, ast::Expr::Kind kind, const char* what, Diagnostics& diagnostics) {
  if (a.value.kind == kind || a.value.kind == ast::Expr::Kind::Invalid) return a.value.kind == kind;
  diagnostics.error(a.value.span, "`" + a.keyword + "` takes " + what);
  return false;
}
}  // namespace

bool expect_plain_string(const ast::Attribute& a, Diagnostics& diagnostics) {
  return expect(a, ast::Expr::Kind::String, "a string without interpolation", diagnostics);
}
bool expect_number(const ast::Attribute& a, Diagnostics& diagnostics) {
  return expect(a, ast::Expr::Kind::Number, "a number", diagnostics);
}
bool expect_bool(const ast::Attribute& a, Diagnostics& diagnostics) {
  return expect(a, ast::Expr::Kind::Bool, "`true` or `false`", diagnostics);
}
bool expect_map(const ast::Attribute& a, Diagnostics& diagnostics) {
  return expect(a, ast::Expr::Kind::Map, "a map `{ Key: value }`", diagnostics);
}

}  // namespace infrac
