#pragma once
// A stack policy document as an infra `policy` block. Private to import/.
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/json.hpp"
#include "cfn/stack_policy.hpp"
#include "import/convert.hpp"

namespace infrac::importer {

// `policy` absent: `allow * "*"` (a stack without a policy allows every update), with a
// note saying so. Statements infra cannot write are problems at "policy/Statement/N/...".
// The types a statement's conditions hold for, as one `StringEquals` list, when one of them
// is `StringEquals` (its list, kept where every other condition holds too); nothing when
// none is, as `StringLike "AWS::EC2::*"` and `StringNotEquals` together have no one list.
std::optional<std::vector<std::string>> equal_types(const std::vector<cfn::TypeCondition>& conditions);

ast::Policy import_policy(const std::optional<Json>& policy, const Declared& declared, std::vector<ImportProblem>& problems,
                          std::vector<std::string>& notes);

}  // namespace infrac::importer
