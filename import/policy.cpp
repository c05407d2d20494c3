#include "import/policy.hpp"

#include <algorithm>

#include "cfn/stack_policy.hpp"

namespace infrac::importer {
namespace {

constexpr std::string_view kPrefix = "LogicalResourceId/";

ast::PolicyTarget target(ast::PolicyTarget::Kind kind, std::string text, bool negated) {
  ast::PolicyTarget t;
  t.kind = kind;
  t.text = std::move(text);
  t.negated = negated;
  return t;
}

std::optional<ast::PolicyAction::Kind> action_kind(const std::string& action) {
  if (action == "Update:Modify") return ast::PolicyAction::Kind::Modify;
  if (action == "Update:Replace") return ast::PolicyAction::Kind::Replace;
  if (action == "Update:Delete") return ast::PolicyAction::Kind::Delete;
  if (action == "Update:*") return ast::PolicyAction::Kind::All;
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string>> equal_types(const std::vector<cfn::TypeCondition>& conditions) {
  std::optional<std::vector<std::string>> types;
  for (const auto& c : conditions) {
    if (c.op != "StringEquals") continue;
    if (!types) {
      types = c.types;
    } else {
      std::erase_if(*types, [&](const std::string& t) { return std::find(c.types.begin(), c.types.end(), t) == c.types.end(); });
    }
  }
  if (!types) return std::nullopt;
  for (const auto& c : conditions) {
    std::erase_if(*types, [&](const std::string& t) {
      bool any = std::any_of(c.types.begin(), c.types.end(), [&](const std::string& v) {
        return c.op == "StringLike" || c.op == "StringNotLike" ? cfn::glob_match(v, t) : v == t;
      });
      return c.op == "StringNotEquals" || c.op == "StringNotLike" ? any : !any;
    });
  }
  return types;
}

namespace {

std::string describe(const cfn::PolicyStatement& st) {
  std::string out = st.allow ? "Allow" : "Deny";
  for (const auto& a : st.actions) out += " " + a;
  for (const auto& r : st.resources) out += " " + r;
  return out;
}

}  // namespace

ast::Policy import_policy(const std::optional<Json>& document, const Declared& declared, std::vector<ImportProblem>& problems,
                          std::vector<std::string>& notes) {
  ast::Policy policy;
  auto problem = [&](const cfn::JsonPointer& at, std::string message) { problems.push_back({ImportProblem::Document::Policy, at, std::move(message)}); };
  if (!document) {
    notes.push_back("the template came without a stack policy, and CloudFormation then allows every update:");
    notes.push_back("this says so (write what each resource may undergo instead)");
    ast::PolicyStatement s;
    s.effect = ast::PolicyEffect::Allow;
    s.actions.push_back({ast::PolicyAction::Kind::All, {}});
    s.targets.push_back(target(ast::PolicyTarget::Kind::Pattern, "*", false));
    policy.statements.push_back(std::move(s));
    return policy;
  }
  cfn::StackPolicy parsed = cfn::parse_stack_policy(*document);
  for (const auto& p : parsed.problems) problem(cfn::JsonPointer(), p);
  for (const auto& st : parsed.statements) {
    cfn::JsonPointer at = cfn::JsonPointer("/Statement") / st.index;
    ast::PolicyStatement s;
    s.effect = st.allow ? ast::PolicyEffect::Allow : ast::PolicyEffect::Deny;
    for (const auto& a : st.actions) {
      auto kind = action_kind(a);
      if (!kind) {
        problem(at / "Action", "action `" + a + "`: infra writes `Update:Modify`, `Update:Replace`, `Update:Delete` and `Update:*`");
        continue;
      }
      s.actions.push_back({*kind, {}});
    }
    bool everything = st.resources.size() == 1 && (st.resources[0] == "*" || st.resources[0] == "LogicalResourceId/*");
    bool names_only = !st.not_resource && std::all_of(st.resources.begin(), st.resources.end(), [](const std::string& r) {
      return r.starts_with(kPrefix) && r.find('*') == std::string::npos;
    });
    if (!st.conditions.empty() && !everything && names_only) {
      // Named resources and a condition on their type: the names whose type (as the template
      // declares it) meets the condition, which is what the statement covers.
      for (const auto& r : st.resources) {
        std::string id = r.substr(kPrefix.size());
        auto declared_type = declared.resources.find(id);
        if (declared_type == declared.resources.end()) {
          problem(at / "Resource", "`" + id + "` is not a resource of the template, so the statement's `Condition` on its type cannot be decided");
        } else if (st.covers(id, declared_type->second)) {
          s.targets.push_back(target(ast::PolicyTarget::Kind::Name, id, false));
        }
      }
      if (s.targets.empty() && s.actions.size() == st.actions.size()) {
        notes.push_back("statement " + std::to_string(st.index) + " (" + describe(st) +
                        ") is left out: its `Condition` holds for none of the types of those resources");
        continue;
      }
      if (!s.targets.empty()) {
        notes.push_back("statement " + std::to_string(st.index) + "'s `Condition` on the resource type is decided by the template's "
                        "types: it names the resources it covers");
      }
    } else if (!st.conditions.empty()) {
      std::optional<std::vector<std::string>> types = st.conditions.size() > 1 ? equal_types(st.conditions) : std::nullopt;
      if (!everything || st.not_resource || (st.conditions.size() != 1 && !types)) {
        problem(at, everything && !st.not_resource
                        ? "a statement whose `Condition` has several operators and no `StringEquals` has no infra spelling: "
                          "`type` targets of one statement use one operator"
                        : "a statement with a `Condition` and resource patterns or `NotResource` has no infra spelling: "
                          "infra writes types and resources as separate statements (name the resources instead)");
        continue;
      }
      if (types) {
        for (const auto& type : *types) s.targets.push_back(target(ast::PolicyTarget::Kind::Type, type, false));
        if (!s.actions.empty() && !s.targets.empty()) policy.statements.push_back(std::move(s));
        continue;
      }
      const cfn::TypeCondition& c = st.conditions[0];
      bool negated = c.op == "StringNotEquals" || c.op == "StringNotLike";
      bool like = c.op == "StringLike" || c.op == "StringNotLike";
      for (const auto& type : c.types) {
        if (!like && type.find('*') != std::string::npos) {
          problem(at / "Condition", "`" + c.op + "` with the type `" + type + "`: a `*` there is not a wildcard, and infra has no way to say so");
          continue;
        }
        if (like && type.find('*') == std::string::npos) {
          // StringLike without a wildcard matches as StringEquals does.
        }
        s.targets.push_back(target(ast::PolicyTarget::Kind::Type, type, negated));
      }
    } else {
      for (const auto& r : st.resources) {
        if (r == "*") {
          s.targets.push_back(target(ast::PolicyTarget::Kind::Pattern, "*", st.not_resource));
          continue;
        }
        if (!r.starts_with(kPrefix)) {
          problem(at / (st.not_resource ? "NotResource" : "Resource"), "resource `" + r + "` is not `LogicalResourceId/...`");
          continue;
        }
        std::string id = r.substr(kPrefix.size());
        bool name = id.find('*') == std::string::npos && is_identifier(id) && declared.resources.count(id);
        s.targets.push_back(target(name ? ast::PolicyTarget::Kind::Name : ast::PolicyTarget::Kind::Pattern, id, st.not_resource));
      }
    }
    if (s.actions.empty() || s.targets.empty()) continue;
    policy.statements.push_back(std::move(s));
  }
  return policy;
}

}  // namespace infrac::importer
