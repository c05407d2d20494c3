#pragma once
// The message for each rule that is required with `must<>`: what the author
// wrote wrong, said in their terms. Lowercase, no trailing period, code in backticks.
#include "infra_grammar.hpp"

namespace infrac::grammar {

template <typename Rule>
constexpr const char* error_message = "syntax error";

// clang-format off
template <> constexpr const char* error_message<string_close> = "unterminated string: a string ends with `\"` on the same line";
template <> constexpr const char* error_message<escape_char> = "unknown escape sequence: use `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r`, `\\/` or `\\uXXXX`";
template <> constexpr const char* error_message<text_open_rest> = "expected a new line after the opening ``` of a text block";
template <> constexpr const char* error_message<tao::pegtl::at<text_lines<3>>> = "unterminated text block: no line after the ``` above starts with the closing ```";
template <> constexpr const char* error_message<tao::pegtl::at<text_lines<4>>> = "unterminated text block: no line after the ```` above starts with the closing ````";
template <> constexpr const char* error_message<tao::pegtl::at<text_lines<5>>> = "unterminated text block: no line after the ````` above starts with the closing `````";
template <> constexpr const char* error_message<tao::pegtl::at<text_lines<6>>> = "unterminated text block: no line after the `````` above starts with the closing ``````";
template <> constexpr const char* error_message<list_close> = "expected `,`, a value or `]` to close the list";
template <> constexpr const char* error_message<spread_value> = "expected a list after `...`, such as `...CommonTags`";
template <> constexpr const char* error_message<map_colon> = "expected `:` after the map key";
template <> constexpr const char* error_message<unquoted_key_char> = "a map key holding `.` or `-` must be quoted, such as `\"t2.micro\": ...` or `\"us-east-1\": ...`";
template <> constexpr const char* error_message<yaml_short_form> = "`!Ref`-style tags are CloudFormation's YAML; in infra `!Ref X` is `X`, `!GetAtt X.Attr` is `X.Attr`, `!Sub \"a-${X}\"` is `\"a-<<X>>\"`, and the other functions are calls such as `join(\",\", [...])`, `select(0, ...)`, `if(Cond, a, b)`";
template <> constexpr const char* error_message<attribute_body_end> = "expected `}` or an attribute `keyword value`, such as `description \"...\"`";
template <> constexpr const char* error_message<map_close> = "expected `,`, an entry `Key: value` or `}` to close the map";
template <> constexpr const char* error_message<call_close> = "expected `,`, an argument or `)` to close the call";
template <> constexpr const char* error_message<attribute_path> = "expected an attribute name after `.`";
template <> constexpr const char* error_message<value> = "expected a value: a string, number, boolean, list, map, name, call or ``` text block";
template <> constexpr const char* error_message<type_name> = "expected a parameter type such as `String`, `Number` or `List<AWS::EC2::Subnet::Id>`";
template <> constexpr const char* error_message<type_argument_close> = "expected `>` to close the type argument";
template <> constexpr const char* error_message<body_end> = "expected `}`, a property `Name: value` or an attribute `keyword value`";
template <> constexpr const char* error_message<unclosed_body> = "expected `}` to close the body above before this declaration";
template <> constexpr const char* error_message<decl_name> = "expected a name for the declaration";
template <> constexpr const char* error_message<templated_name> = "expected a name for the declaration";
template <> constexpr const char* error_message<in_kw> = "expected `in` and a list: `for Name in [a, b] { ... }`";
template <> constexpr const char* error_message<for_close> = "expected `}` to close the `for` loop";
template <> constexpr const char* error_message<colon> = "expected `:` between the name and the type";
template <> constexpr const char* error_message<equals_sign> = "expected `=` after the name";
template <> constexpr const char* error_message<open_brace> = "expected `{`";
template <> constexpr const char* error_message<tao::pegtl::at<open_brace>> = "expected `{`";
template <> constexpr const char* error_message<resource_type> = "expected a resource type such as `AWS::S3::Bucket`";
template <> constexpr const char* error_message<policy_action> = "expected a policy action: `modify`, `replace`, `delete` or `*`";
template <> constexpr const char* error_message<policy_actions> = "expected a policy action: `modify`, `replace`, `delete` or `*`";
template <> constexpr const char* error_message<policy_target> = "expected a policy target: a resource name, a \"pattern*\" or `type AWS::Service::Type`";
template <> constexpr const char* error_message<policy_targets> = "expected a policy target: a resource name, a \"pattern*\" or `type AWS::Service::Type`";
template <> constexpr const char* error_message<target_type_name> = "expected a resource type after `type`, such as `AWS::EC2::Instance`";
template <> constexpr const char* error_message<tao::pegtl::sor<target_type, target_pattern, target_name>> = "expected a policy target: a resource name, a \"pattern*\" or `type AWS::Service::Type`";
template <> constexpr const char* error_message<rule_close> = "expected `assert condition \"description\"` or `}` in the rule (a `when condition` comes first)";
template <> constexpr const char* error_message<policy_close> = "expected `allow`, `deny` or `}` in the policy";
template <> constexpr const char* error_message<stack_name> = "expected a stack name (letters, digits and `-`)";
template <> constexpr const char* error_message<import_path> = "expected the imported file in quotes, such as `import \"std/aws/network\"` or `import \"common.infra\"`";
template <> constexpr const char* error_message<component_ref> = "expected the name of a component after `use`";
template <> constexpr const char* error_message<instance_name> = "expected the instance's name after `as`";
template <> constexpr const char* error_message<use_without_as> = "expected `as` before the instance's name: `use Component as Name { ... }`";
template <> constexpr const char* error_message<component_param_type> = "expected the parameter's type, such as `String`, `Number`, `List` or `Map`";
template <> constexpr const char* error_message<component_params_close> = "expected `,`, a parameter `Name: Type` or `)`";
template <> constexpr const char* error_message<component_close> = "expected `}` to close the component";
template <> constexpr const char* error_message<stack_close> = "expected `}` to close the stack";
// clang-format on

}  // namespace infrac::grammar
