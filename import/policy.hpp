#pragma once
// A stack policy document as an infra `policy` block. Private to import/.
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/json.hpp"
#include "import/convert.hpp"

namespace infrac::importer {

// `policy` absent: `allow * "*"` (a stack without a policy allows every update), with a
// note saying so. Statements infra cannot write are problems at "policy/Statement/N/...".
ast::Policy import_policy(const std::optional<Json>& policy, const Declared& declared, std::vector<ImportProblem>& problems,
                          std::vector<std::string>& notes);

}  // namespace infrac::importer
