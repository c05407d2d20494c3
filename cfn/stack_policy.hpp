#pragma once
// Stack-policy verdicts, written once over the policy document (the JSON that
// lowering writes, or one read back from a deployed stack): may this update
// action touch this resource, and which statement decides. The rebuild proof,
// `infrac diff` and the deploy step all ask it.
//
// Usage:
//   cfn::StackPolicy policy = cfn::parse_stack_policy(document);
//   cfn::PolicyVerdict v = policy.evaluate("AppLaunchTemplate", "AWS::EC2::LaunchTemplate", cfn::PolicyAction::Modify);
//   if (!v.allowed) ... v.decided == Decision::Denied ? "statement v.statement denies it" : "no statement allows it"
//
// CloudFormation's rules, as in its documentation: a statement applies when its
// Action matches (`Update:Modify`, `Update:Replace`, `Update:Delete`, `Update:*`, with
// `*` wildcards), its Resource (or, for NotResource, none of its entries) matches
// `LogicalResourceId/<id>` (`*` wildcards; a bare `*` matches all), and every
// condition holds (StringEquals / StringNotEquals / StringLike / StringNotLike on
// `ResourceType`; a list means any of them, a negated operator none of them). An
// applicable Deny wins; otherwise an applicable Allow allows; otherwise the update
// is denied (a stack with a policy denies what no statement allows). Principal is
// always `*` in a stack policy and is not read.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

enum class PolicyAction { Modify, Replace, Delete };
std::string_view to_string(PolicyAction action);  // "Update:Modify", "Update:Replace", "Update:Delete"

// Stack-policy wildcard matching: `*` matches any run of characters (linear time in practice).
bool glob_match(std::string_view pattern, std::string_view text);

struct TypeCondition {
  std::string op;                  // StringEquals, StringNotEquals, StringLike, StringNotLike
  std::vector<std::string> types;  // values of the ResourceType key
};

struct PolicyStatement {
  std::size_t index = 0;  // its position in the document's Statement list
  bool allow = false;     // Effect: Allow (else Deny)
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // as written: "*", "LogicalResourceId/App*"
  bool not_resource = false;           // the list is NotResource
  std::vector<TypeCondition> conditions;

  bool applies(std::string_view logical_id, std::string_view type, PolicyAction action) const;
  bool covers(std::string_view logical_id, std::string_view type) const;  // Resource and conditions, any action
  bool has_action(PolicyAction action) const;
};

enum class Decision { Allowed, Denied, NoStatement };

struct PolicyVerdict {
  bool allowed = false;
  Decision decided = Decision::NoStatement;
  std::optional<std::size_t> statement;  // the deciding statement's index (none for NoStatement)
};

struct StackPolicy {
  std::vector<PolicyStatement> statements;
  std::vector<std::string> problems;  // parts of the document that are not a stack policy (those statements are skipped)

  PolicyVerdict evaluate(std::string_view logical_id, std::string_view type, PolicyAction action) const;
};

StackPolicy parse_stack_policy(const Json& document);

}  // namespace infrac::cfn
