#pragma once
// `Fn::ForEach` of the AWS::LanguageExtensions transform, expanded as the transform does,
// for the shapes whose collection is written out (a list of texts): the template
// CloudFormation would deploy. import proves its `for` loops against this, and diff can
// compare such templates. A collection known only at deploy (a `Ref` to a list parameter)
// is a problem: nothing can expand it before then.
//
//   "Fn::ForEach::Name": [Identifier, [items...], {OutputKey: OutputValue, ...}]
//
// in Conditions, Resources, Outputs and inside a resource's properties (any map). For each
// item, in the keys `${Identifier}` becomes the item and `&{Identifier}` the item without
// its characters other than letters and digits; in the values `{"Ref": "Identifier"}`
// becomes the item, and so do `${Identifier}` and `&{Identifier}` in an `Fn::Sub` text
// (a `Ref` or `Fn::GetAtt` whose name is an `Fn::Sub` left with no variable names the
// text). Other texts stay as written; `Fn::If`'s condition name is not replaced. Loops
// nest; two copies of one key are a problem. The rules follow cfn-lint's implementation
// of the transform (cfnlint/template/transforms/_language_extensions.py).
#include <string>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

inline constexpr std::string_view kForEachPrefix = "Fn::ForEach::";
// Loops in loops multiply: an expansion stops with a problem past this many values copied
// (a template CloudFormation takes is at most 1 MB, well under this).
inline constexpr std::size_t kMaxForEachValues = 200'000;

struct ForEachProblem {
  Json::json_pointer at;
  std::string message;
};

struct ForEachExpansion {
  Json template_body;  // expanded (the input unchanged when it has no loop)
  std::vector<ForEachProblem> problems;
};

ForEachExpansion expand_for_each(const Json& template_body);

// Whether `value` holds an `Fn::ForEach::` key at any depth.
bool has_for_each(const Json& value);

// `&{Identifier}`'s value: the item with every character but ASCII letters and digits removed.
std::string alphanumeric_only(const std::string& item);

// `text` with `${Identifier}` and `&{Identifier}` of each (identifier, item) replaced.
std::string replace_identifiers(const std::string& text, const std::vector<std::pair<std::string, std::string>>& bound);

}  // namespace infrac::cfn
