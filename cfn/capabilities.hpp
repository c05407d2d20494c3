#pragma once
// The capabilities CloudFormation demands before it creates or updates a stack
// from this template: CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM
// when one of them is given a custom name, CAPABILITY_AUTO_EXPAND for a
// template with a Transform (macros). Computed once, recorded in the manifest,
// so no one has to guess them at deploy time.
#include <string>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

// In CloudFormation's order: CAPABILITY_IAM or CAPABILITY_NAMED_IAM, then CAPABILITY_AUTO_EXPAND.
std::vector<std::string> required_capabilities(const Json& template_body);

}  // namespace infrac::cfn
