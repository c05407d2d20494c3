#include "cfn/stack_policy.hpp"

#include <algorithm>

namespace infrac::cfn {

std::string_view to_string(PolicyAction action) {
  switch (action) {
    case PolicyAction::Modify: return "Update:Modify";
    case PolicyAction::Replace: return "Update:Replace";
    case PolicyAction::Delete: return "Update:Delete";
  }
  return "Update:*";
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point: linear in practice, never exponential.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

// A string or a list of strings; false when it is neither.
bool strings(const Json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
    return true;
  }
  if (!value.is_array()) return false;
  for (const auto& item : value) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

bool resource_matches(const std::string& entry, std::string_view logical_id) {
  if (entry == "*") return true;
  constexpr std::string_view prefix = "LogicalResourceId/";
  if (entry.rfind(prefix, 0) != 0) return false;
  return glob_match(std::string_view(entry).substr(prefix.size()), logical_id);
}

bool condition_holds(const TypeCondition& c, std::string_view type) {
  bool like = c.op == "StringLike" || c.op == "StringNotLike";
  bool negated = c.op == "StringNotEquals" || c.op == "StringNotLike";
  bool any = std::any_of(c.types.begin(), c.types.end(), [&](const std::string& t) { return like ? glob_match(t, type) : t == type; });
  return negated ? !any : any;
}

}  // namespace

bool PolicyStatement::has_action(PolicyAction action) const {
  return std::any_of(actions.begin(), actions.end(), [&](const std::string& a) { return glob_match(a, to_string(action)); });
}

bool PolicyStatement::covers(std::string_view logical_id, std::string_view type) const {
  bool listed = std::any_of(resources.begin(), resources.end(), [&](const std::string& r) { return resource_matches(r, logical_id); });
  if (listed == not_resource) return false;
  return std::all_of(conditions.begin(), conditions.end(), [&](const TypeCondition& c) { return condition_holds(c, type); });
}

bool PolicyStatement::applies(std::string_view logical_id, std::string_view type, PolicyAction action) const {
  return has_action(action) && covers(logical_id, type);
}

PolicyVerdict StackPolicy::evaluate(std::string_view logical_id, std::string_view type, PolicyAction action) const {
  PolicyVerdict verdict;
  for (const auto& s : statements) {
    if (!s.applies(logical_id, type, action)) continue;
    if (!s.allow) return {false, Decision::Denied, s.index};
    if (!verdict.allowed) verdict = {true, Decision::Allowed, s.index};
  }
  return verdict;
}

StackPolicy parse_stack_policy(const Json& document) {
  StackPolicy policy;
  const Json* list = nullptr;
  if (document.is_object()) {
    if (auto it = document.find("Statement"); it != document.end()) list = &*it;
  }
  if (!list) {
    policy.problems.push_back("the document has no Statement");
    return policy;
  }
  Json one = Json::array();
  if (list->is_object()) {
    one.push_back(*list);
    list = &one;
  }
  if (!list->is_array()) {
    policy.problems.push_back("Statement is not a list of statements");
    return policy;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& s = (*list)[i];
    auto problem = [&](const std::string& what) { policy.problems.push_back("statement " + std::to_string(i) + ": " + what); };
    if (!s.is_object()) {
      problem("not an object");
      continue;
    }
    PolicyStatement statement;
    statement.index = i;
    auto effect = s.find("Effect");
    if (effect == s.end() || !effect->is_string() || (*effect != "Allow" && *effect != "Deny")) {
      problem("Effect must be Allow or Deny");
      continue;
    }
    statement.allow = *effect == "Allow";
    auto action = s.find("Action");
    if (action == s.end() || !strings(*action, statement.actions)) {
      problem("Action must be a string or a list of strings");
      continue;
    }
    auto resource = s.find("Resource");
    auto not_resource = s.find("NotResource");
    if ((resource == s.end()) == (not_resource == s.end())) {
      problem("a statement needs exactly one of Resource and NotResource");
      continue;
    }
    statement.not_resource = resource == s.end();
    if (!strings(statement.not_resource ? *not_resource : *resource, statement.resources)) {
      problem("Resource must be a string or a list of strings");
      continue;
    }
    bool conditions_ok = true;
    if (auto condition = s.find("Condition"); condition != s.end()) {
      conditions_ok = condition->is_object();
      const Json& tests = conditions_ok ? *condition : Json::object();
      for (const auto& [op, keys] : tests.items()) {
        if (op != "StringEquals" && op != "StringNotEquals" && op != "StringLike" && op != "StringNotLike") conditions_ok = false;
        if (!keys.is_object()) conditions_ok = false;
        if (!conditions_ok) break;
        for (const auto& [key, values] : keys.items()) {
          TypeCondition c;
          c.op = op;
          if (key != "ResourceType" || !strings(values, c.types)) conditions_ok = false;
          statement.conditions.push_back(std::move(c));
        }
      }
    }
    if (!conditions_ok) {
      problem("Condition may only test ResourceType with StringEquals, StringNotEquals, StringLike or StringNotLike");
      continue;
    }
    policy.statements.push_back(std::move(statement));
  }
  return policy;
}

}  // namespace infrac::cfn
