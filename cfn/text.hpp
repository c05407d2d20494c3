#pragma once
// Texts held in a template (user data, inline Lambda code, scripts) as their
// author wrote them: `Fn::Base64` of `Fn::Sub`, of `Fn::Join` or of a literal,
// decoded into one text where every CloudFormation value reads `<<Name>>`
// (`<<Res.Attr>>` for an attribute) and Fn::Sub's escape `${!` is `${` again.
// This is how infra writes interpolation, so a reviewer reads their script.
#include <optional>
#include <string>

#include "cfn/json.hpp"

namespace infrac::cfn {

struct DecodedText {
  std::string text;
  bool base64 = false;           // the value was wrapped in Fn::Base64
  std::string form;              // "Fn::Sub", "Fn::Join" or "literal"
  Json variables = Json::object();  // Fn::Sub's own variables, by name
};

// The text a value stands for, or nothing when it is not text (a number, a list,
// a Ref to a list parameter, ...). Values inside that are neither a Ref nor a
// GetAtt read as `<<{"Fn::Select": ...}>>`.
std::optional<DecodedText> decode_text(const Json& value);

// Whether a value is worth showing as lines: a decoded text of several lines.
bool is_multiline_text(const DecodedText& text);

}  // namespace infrac::cfn
