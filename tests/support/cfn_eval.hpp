#pragma once
// A small evaluator of CloudFormation intrinsic functions, for tests only.
// It resolves a lowered template value the way CloudFormation would at deploy
// time, given fake parameter, pseudo parameter and resource values.
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::test {

using Json = nlohmann::ordered_json;

// Raised for anything CloudFormation would reject while resolving a value.
class CfnEvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CfnContext {
  std::map<std::string, Json> parameters;         // Ref Name -> value (lists for List<...> types)
  std::map<std::string, Json> pseudo_parameters;  // "AWS::Region" -> "eu-west-1"
  std::map<std::string, Json> resource_refs;      // Ref LogicalId -> physical id
  std::map<std::string, Json> attributes;         // "Res.Attr" (Attr may hold dots) -> value
  std::map<std::string, bool> condition_values;   // fixed condition results; win over `conditions`
  Json conditions = Json::object();               // a template's Conditions section
  Json mappings = Json::object();                 // a template's Mappings section
  std::map<std::string, Json> exports;            // Fn::ImportValue name -> value
};

// Pseudo parameters with fixed fake values for `region`.
std::map<std::string, Json> fake_pseudo_parameters(const std::string& region);

// A context that takes Mappings and Conditions from a template.
CfnContext context_for_template(const Json& template_body);

// Resolves every intrinsic function in `value`. Properties and list items that
// resolve to AWS::NoValue are dropped; a top-level AWS::NoValue is an error.
Json evaluate(const Json& value, const CfnContext& context);

// Evaluates a condition expression (Fn::Equals/And/Or/Not, {"Condition": name}).
bool evaluate_condition(const Json& expression, const CfnContext& context);

// Looks up and evaluates a named condition.
bool condition_value(const std::string& name, const CfnContext& context);

// Fn::Sub on a string with extra variables (already resolved to strings).
std::string substitute(std::string_view text, const std::map<std::string, std::string>& variables,
                       const CfnContext& context);

std::string base64_encode(std::string_view bytes);
// Throws CfnEvalError on characters outside the standard alphabet or bad padding.
std::string base64_decode(std::string_view text);

}  // namespace infrac::test
