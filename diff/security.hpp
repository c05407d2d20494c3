#pragma once
// Security-relevant changes, as separate passes over the change model and the
// two templates (CDK's lib/iam and lib/network do the same): each finding is one
// line a reviewer must see first, and `--fail-on security` gates on them.
//
//   iam           Allow statements added or widened in IAM roles, policies, users, groups,
//                 resource policies; managed policies attached; instance profiles' roles
//   ingress       security-group ingress from 0.0.0.0/0 or ::/0
//   s3-public     public access blocks relaxed, public ACLs, bucket policies for any principal
//   kms           key policies changed
//   no-echo       NoEcho parameters changed, added, or no longer NoEcho
//   stack-policy  the stack policy allows an update it denied (or is removed)
//   data-loss     a resource that holds data deleted or replaced without a Retain or Snapshot policy
#include <optional>

#include "cfn/json.hpp"
#include "diff/model.hpp"

namespace infrac::diff {

struct SecurityInput {
  const Json& old_template;  // normalised; an empty object for a new stack
  const Json& new_template;
  const std::optional<Json>& old_policy;
  const std::optional<Json>& new_policy;
};

void add_security_findings(const SecurityInput& input, StackDiff& out);

}  // namespace infrac::diff
