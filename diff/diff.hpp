#pragma once
// `infrac diff` as a pure function: two versions of each stack (template and
// stack policy, as models) plus the resource specification in, the change model
// (model.hpp) out. Nothing here reads files or prints; the CLI loads, renders.
//
//   StackPair (old and new StackVersion) --diff_stack--> StackDiff
//     1. both templates normalised (cfn/equality.hpp) and compared section by section
//     2. resources: the changed properties and --param parameters start the update
//        impact (cfn/update_impact.hpp), carried through Ref and GetAtt to a fixed point
//     3. verdicts of the stack policy in force (the new one) per resource change
//     4. the security passes (security.hpp)
//     5. for infra sources, each change's place in the source (StackVersion::source_of)
//     6. every secret masked (mask.hpp): the NoEcho defaults of every template of the
//        diff, and the values the caller knows to be secret
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "cfn/references.hpp"
#include "diff/model.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::diff {

struct StackVersion {
  Json template_body;
  std::optional<Json> policy;  // the stack policy document; none: the stack has no policy
  // Where the template's value at a JSON pointer is written ("app.infra:12"; "" when not
  // known): the compiler's source map, for a side that is infra source. Empty for templates.
  std::function<std::string(const cfn::JsonPointer&)> source_of;
};

struct StackPair {
  std::string name;
  std::optional<StackVersion> old_version;  // none: the stack is created
  std::optional<StackVersion> new_version;  // none: the stack is deleted
};

struct ParameterValue {
  std::string name;
  std::string value;  // never printed for a NoEcho parameter
  // How the views say it changes, after "Parameter `Name` changes " (code in backticks):
  // for `infrac diff --param`, a value the deploy will be given; a deploy's plan says where
  // the value it sends comes from ("to the value in `--params`").
  std::string how = "at deploy (`--param`)";
};

struct DiffOptions {
  const ResourceSpec* spec = nullptr;  // none: every property change "may replace"
  // Deploy-time parameter values that change (`--param NAME=VALUE`, or what a deploy
  // sends): each stack that declares NAME sees it change.
  std::vector<ParameterValue> parameters;
  // Secret values besides the templates' NoEcho defaults (an infra source's, from the
  // compiler: a `let` a default names, pieces of it); none of them is printed.
  std::vector<std::string> secret_values;
};

StackDiff diff_stack(const StackPair& pair, const DiffOptions& options);
Diff diff_stacks(const std::vector<StackPair>& pairs, const DiffOptions& options);

// The top-level sections of a template in the order the diff lists them.
const std::vector<std::string>& section_order();

}  // namespace infrac::diff
