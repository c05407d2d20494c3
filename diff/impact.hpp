#pragma once
// The diff's two questions for the update impact and the stack policy, asked of
// the one implementation of each (cfn/update_impact.hpp, cfn/stack_policy.hpp).
#include <optional>

#include "cfn/json.hpp"
#include "diff/model.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::diff {

// What CloudFormation does to each resource: the changed properties of `out`'s
// modified resources and its changed parameters start the impact, which is carried
// through references; resources reached only that way are added to `out`.
// Templates are normalised (cfn/equality.hpp).
void add_update_impact(const Json& new_template, const ResourceSpec* spec, StackDiff& out);

// The verdict of `policy` (the one in force during the update: the new one) on every
// resource change; with no policy, every change is allowed and the verdict says so.
void add_policy_verdicts(const std::optional<Json>& policy, StackDiff& out);

}  // namespace infrac::diff
