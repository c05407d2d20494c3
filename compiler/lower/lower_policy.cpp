#include "lower/lower_policy.hpp"

#include <algorithm>

namespace infrac {
namespace {

const char* action_name(ast::PolicyAction::Kind kind) {
  switch (kind) {
    case ast::PolicyAction::Kind::Modify: return "Update:Modify";
    case ast::PolicyAction::Kind::Replace: return "Update:Replace";
    case ast::PolicyAction::Kind::Delete: return "Update:Delete";
    case ast::PolicyAction::Kind::All: return "Update:*";
  }
  return "Update:*";
}

Json one_or_list(const std::vector<std::string>& values) {
  if (values.size() == 1) return values.front();
  return Json(values);
}

Json statement(const char* effect, const Json& actions) {
  Json j;
  j["Effect"] = effect;
  j["Principal"] = "*";
  j["Action"] = actions;
  return j;
}

bool has_wildcard(const std::string& text) { return text.find('*') != std::string::npos; }

}  // namespace

Json lower_policy(const ast::Stack& stack, SourceMap* sources) {
  Json statements = Json::array();
  if (stack.policies.empty() || stack.policies.front().statements.empty()) {
    Json deny = statement("Deny", "Update:*");
    deny["Resource"] = "*";
    statements.push_back(std::move(deny));
    return Json{{"Statement", std::move(statements)}};
  }
  for (const auto& s : stack.policies.front().statements) {
    std::size_t first = statements.size();
    const char* effect = s.effect == ast::PolicyEffect::Allow ? "Allow" : "Deny";
    std::vector<std::string> action_names;
    for (const auto& a : s.actions) action_names.emplace_back(action_name(a.kind));
    Json actions = one_or_list(action_names);
    // Logical ids and patterns share one statement; each resource type gets its own,
    // because a type is matched by a condition on the whole statement.
    std::vector<std::string> ids;
    bool negated = false;
    for (const auto& t : s.targets) {
      if (t.kind == ast::PolicyTarget::Kind::Type) continue;
      ids.push_back("LogicalResourceId/" + t.text);
      negated = t.negated;
    }
    if (!ids.empty()) {
      Json j = statement(effect, actions);
      j[negated ? "NotResource" : "Resource"] = one_or_list(ids);
      statements.push_back(std::move(j));
    }
    // Types with the same operator share one condition: StringEquals over a list
    // means any of them, StringNotEquals over a list means none of them.
    std::vector<std::pair<std::string, std::vector<std::string>>> by_operator;
    for (const auto& t : s.targets) {
      if (t.kind != ast::PolicyTarget::Kind::Type) continue;
      std::string op = std::string(t.negated ? "StringNot" : "String") + (has_wildcard(t.text) ? "Like" : "Equals");
      auto it = std::find_if(by_operator.begin(), by_operator.end(), [&](const auto& entry) { return entry.first == op; });
      if (it == by_operator.end()) it = by_operator.insert(by_operator.end(), {op, {}});
      it->second.push_back(t.text);
    }
    // Conditions in one statement must all hold: right for "none of these types"
    // (every negated operator together), wrong for "any of these" (one statement each).
    Json negated_conditions = Json::object();
    for (const auto& [op, types] : by_operator) {
      if (op.rfind("StringNot", 0) == 0) {
        negated_conditions[op] = Json{{"ResourceType", types}};
        continue;
      }
      Json j = statement(effect, actions);
      j["Resource"] = "*";
      j["Condition"] = Json{{op, Json{{"ResourceType", types}}}};
      statements.push_back(std::move(j));
    }
    if (!negated_conditions.empty()) {
      Json j = statement(effect, actions);
      j["Resource"] = "*";
      j["Condition"] = std::move(negated_conditions);
      statements.push_back(std::move(j));
    }
    for (std::size_t i = first; sources && i < statements.size(); ++i) sources->record(cfn::JsonPointer("/Statement") / i, s.span);
  }
  return Json{{"Statement", std::move(statements)}};
}

}  // namespace infrac
