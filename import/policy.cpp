#include "import/policy.hpp"

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
    if (!st.conditions.empty()) {
      if (!everything || st.not_resource || st.conditions.size() != 1) {
        problem(at, "a statement with a `Condition` must have `Resource: \"*\"` and one condition operator to be written as `type` targets");
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
