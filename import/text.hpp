#pragma once
// The text a CloudFormation value stands for, as pieces: what `Fn::Sub` and
// `Fn::Join` hand back. import writes the pieces as an infra string or text
// block with `<<Name>>` (text.hpp's only reader of templates), and the round
// trip compares two templates' texts by them, whichever function built each.
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::importer {

struct Piece {
  enum class Kind { Literal, Value };
  Kind kind = Kind::Literal;
  std::string text;  // Literal: the bytes CloudFormation hands back
  Json value;        // Value: `{"Ref": ...}`, `{"Fn::GetAtt": [...]}` or any other value spliced in
};

// The pieces of `value` when it is a text function: `Fn::Sub` (its `${Name}` as Ref or
// GetAtt values, `${!x}` as the literal `${x}`, its variables substituted) or `Fn::Join` of a
// written-out list (the delimiter as literal text between items; nested Sub and Join, text
// and numbers flattened). Adjacent literals are merged and empty ones dropped. Nothing when
// `value` is not such a function.
std::optional<std::vector<Piece>> text_pieces(const Json& value);

// Whether a value spliced into a text is a `Ref` or a `Fn::GetAtt` (with a text attribute),
// which infra writes as `<<Name>>` or `<<Res.Attr>>`; the name and attribute, if so.
struct Interpolation {
  std::string name;
  std::string attribute;
};
std::optional<Interpolation> as_interpolation(const Json& value);

}  // namespace infrac::importer
