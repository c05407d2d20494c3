#pragma once
// Structural comparison of two values of a template: every changed leaf by its
// path, under CloudFormation's equality (cfn/equality.hpp). Maps are compared
// key by key, lists aligned (align.hpp), an intrinsic function whose function
// changed is one change, texts of several lines become line diffs (decoded as
// their author wrote them, cfn/text.hpp), and JSON held in a text (a policy
// document as a string) is compared as structure.
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "diff/model.hpp"

namespace infrac::diff {

// Appends the changes from `old_value` to `new_value`, their paths starting with `path`.
void compare_values(const Json& old_value, const Json& new_value, std::vector<std::string>& path,
                    std::vector<ValueChange>& out);

// A text diff of the two values when both are (decoded) texts and one has several lines.
std::optional<TextDiff> text_diff(const Json& old_value, const Json& new_value);

}  // namespace infrac::diff
