#pragma once
// CloudFormation's notion of "the same value", so that a diff shows what
// CloudFormation would act on and nothing else (CDK's cloudformation-diff,
// lib/diff/util.ts, does the same): the number 10 equals the text "10", true
// equals "true", `Fn::GetAtt: "A.B"` equals `Fn::GetAtt: [A, B]`, and the order
// of DependsOn does not matter. import's --verify reuses it.
#include <optional>
#include <string>

#include "cfn/json.hpp"

namespace infrac::cfn {

// Whether CloudFormation treats the two values as equal.
bool equal(const Json& a, const Json& b);

// A scalar as CloudFormation passes it on: "10" for 10, "true" for true, the text
// itself for text; nothing for null, lists and maps.
std::optional<std::string> scalar_text(const Json& value);

// The long form of a value: every `Fn::GetAtt: "A.B.C"` becomes ["A", "B.C"].
Json normalise_value(const Json& value);

// A template in the form the diff compares: values normalised (normalise_value),
// each resource's DependsOn a sorted list without repeats.
Json normalise_template(const Json& template_body);

}  // namespace infrac::cfn
