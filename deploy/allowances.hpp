#pragma once
// `--allow-update RESOURCE...`: the stack policy in force during one update is the
// source's policy with those resources let through, and nothing else widened.
// Stack policies have no way to subtract a resource from a Deny's wildcard, so the
// Deny statements are rewritten with their patterns expanded against this
// template's logical ids, the allowed resources left out; then one Allow
// `Update:*` names the allowed resources. The permanent policy is not touched.
#include <string>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::deploy {

// A stack policy resource pattern ("LogicalResourceId/Net*") against a logical id; `*` and `?` wildcards.
bool policy_pattern_matches(const std::string& pattern, const std::string& logical_id);

Json policy_with_allowances(const Json& policy, const Json& template_json, const std::vector<std::string>& allowed);

// Whether two policy documents say the same (parsed JSON equality; "" is no policy).
bool same_policy(const std::string& a, const std::string& b);

}  // namespace infrac::deploy
