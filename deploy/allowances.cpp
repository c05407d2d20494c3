#include "deploy/allowances.hpp"

#include <algorithm>

namespace infrac::deploy {
namespace {

bool wildcard(const char* p, const char* s) {
  // Iterative glob with backtracking on the last `*`: linear enough for policy patterns.
  const char *star = nullptr, *resume = nullptr;
  while (*s) {
    if (*p == '?' || *p == *s) {
      ++p;
      ++s;
    } else if (*p == '*') {
      star = p++;
      resume = s;
    } else if (star) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (*p == '*') ++p;
  return *p == 0;
}

std::vector<std::string> as_list(const Json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array())
    for (const auto& x : v)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

}  // namespace

bool policy_pattern_matches(const std::string& pattern, const std::string& logical_id) {
  std::string target = "LogicalResourceId/" + logical_id;
  return wildcard(pattern.c_str(), target.c_str());
}

Json policy_with_allowances(const Json& policy, const Json& template_json, const std::vector<std::string>& allowed) {
  std::vector<std::string> ids;
  if (template_json.contains("Resources") && template_json["Resources"].is_object())
    for (const auto& [id, _] : template_json["Resources"].items()) ids.push_back(id);
  auto is_allowed = [&](const std::string& id) { return std::find(allowed.begin(), allowed.end(), id) != allowed.end(); };

  Json out = Json::object();
  Json statements = Json::array();
  if (policy.contains("Statement") && policy["Statement"].is_array()) {
    for (const Json& st : policy["Statement"]) {
      if (!st.is_object() || st.value("Effect", "") != "Deny" || !st.contains("Resource")) {
        statements.push_back(st);
        continue;
      }
      std::vector<std::string> patterns = as_list(st["Resource"]);
      bool touches = false;
      for (const auto& p : patterns)
        for (const auto& id : allowed) touches |= policy_pattern_matches(p, id);
      if (!touches) {
        statements.push_back(st);
        continue;
      }
      Json resources = Json::array();
      for (const auto& id : ids) {
        if (is_allowed(id)) continue;
        for (const auto& p : patterns) {
          if (policy_pattern_matches(p, id)) {
            resources.push_back("LogicalResourceId/" + id);
            break;
          }
        }
      }
      if (resources.empty()) continue;
      Json narrowed = st;
      narrowed["Resource"] = resources;
      statements.push_back(narrowed);
    }
  }
  Json allow = Json::object();
  allow["Effect"] = "Allow";
  allow["Principal"] = "*";
  allow["Action"] = "Update:*";
  Json resources = Json::array();
  for (const auto& id : allowed) resources.push_back("LogicalResourceId/" + id);
  allow["Resource"] = resources;
  statements.push_back(allow);
  out["Statement"] = statements;
  return out;
}

bool same_policy(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty();
  Json ja = Json::parse(a, nullptr, false), jb = Json::parse(b, nullptr, false);
  if (ja.is_discarded() || jb.is_discarded()) return a == b;
  return nlohmann::json(ja) == nlohmann::json(jb);  // unordered comparison: key order does not matter
}

}  // namespace infrac::deploy
