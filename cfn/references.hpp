#pragma once
// The one reference walker over the template model: every name a JSON value
// refers to, however it is written, with the JSON path (a JSON pointer) where the
// name is written. Usage, cycles, conditions, update impact, the rebuild proof
// and diff all read references through it; the compiler runs it on the lowered
// form of each infra expression, so infra syntax and hand-written intrinsic maps
// (`{ "Ref": "X" }`) are one case.
//
// What is reported:
//   {"Ref": "X"}                          Ref       X
//   {"Fn::GetAtt": ["X", "A.B"]}          GetAtt    X, attribute "A.B"
//   {"Fn::GetAtt": "X.A.B"}               GetAtt    X, attribute "A.B" (split at the first dot)
//   {"Fn::Sub": "..${X}..${Y.A}.."}       Ref X / GetAtt Y.A, via_sub; `${!X}` is literal text
//   {"Fn::Sub": ["..${X}..", {vars}]}     as above, except names the variable map defines
//                                         (they shadow the template's); the map's values are walked
//   {"Fn::If": ["C", a, b]}               Condition C; a and b are walked with `under` extended
//   {"Condition": "C"}                    Condition C (in the Conditions section and inside And/Or/Not)
//   {"Fn::FindInMap": ["M", k1, k2]}      Mapping M; the keys are walked
//   {"Fn::ValueOf": ["P", "Attr"]}        Ref P (a rule reads the parameter's value)
//   "DependsOn": "X" or ["X", ...]        DependsOn X (only by template_references, on a resource)
// Any other one-key map whose key is an intrinsic (cfn/intrinsics.hpp) has its
// arguments walked; every other map and list is walked at any depth.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

using JsonPointer = Json::json_pointer;

enum class ReferenceKind { Ref, GetAtt, Condition, Mapping, DependsOn };

// An Fn::If branch a reference sits in: the reference counts only when `condition` is `when`.
struct Branch {
  std::string condition;
  bool when = true;
};

struct Reference {
  ReferenceKind kind = ReferenceKind::Ref;
  std::string name;       // a parameter, pseudo parameter (AWS::Region), resource, condition or mapping
  std::string attribute;  // GetAtt: the attribute ("Arn", "Endpoint.Address"); empty otherwise, or when computed
  // Where the name is written: the string holding it (`/Resources/A/Properties/P/Ref`,
  // `.../Fn::GetAtt/0`, `.../Fn::If/0`), or for a variable of Fn::Sub, the Fn::Sub text.
  JsonPointer path;
  bool via_sub = false;   // a `${Name}` variable of Fn::Sub (its text is at `path`)
  std::vector<Branch> under;  // the Fn::If branches around it, outermost first

  // Ref and GetAtt name values; Condition, Mapping and DependsOn name declarations.
  bool is_value() const { return kind == ReferenceKind::Ref || kind == ReferenceKind::GetAtt; }
};

using ReferenceVisitor = std::function<void(const Reference&)>;

// Every reference inside `value`, which sits at `at` in its template, in document order.
void for_each_reference(const Json& value, const JsonPointer& at, const ReferenceVisitor& visit);
std::vector<Reference> references_in(const Json& value, const JsonPointer& at = JsonPointer());

// Only the names an intrinsic map itself names (Ref's, GetAtt's, Sub's variables, If's
// condition, FindInMap's mapping, Condition's), not those inside its value arguments.
// Nothing when `value` is not a one-key intrinsic map.
void for_each_own_reference(const Json& value, const JsonPointer& at, const ReferenceVisitor& visit);

// Every reference of a whole template: resources (properties, Condition, DependsOn,
// Metadata, UpdatePolicy, CreationPolicy), outputs, conditions, the Rules section.
std::vector<Reference> template_references(const Json& template_body);

// Appends "/" and `token` escaped as RFC 6901 says (`~` as `~0`, `/` as `~1`): the one escaper
// for pointers kept as text (the compiler's source map, cfn/positions).
void append_pointer_token(std::string& pointer, std::string_view token);

// The reference tokens of a JSON pointer, unescaped: "/Resources/A~1B/0" -> Resources, A/B, 0.
std::vector<std::string> pointer_tokens(const JsonPointer& pointer);

// The `${Variable}` names of an Fn::Sub text, as written ("Res.Attr" stays whole); `${!X}` is text.
void for_each_sub_variable(std::string_view text, const std::function<void(const std::string& variable)>& visit);

}  // namespace infrac::cfn
