#pragma once
// The PEGTL grammar of the infra language. This header is the only place the
// grammar lives: the compiler's parser, the tests (analyze) and future tools
// include it. Rules are empty structs; error messages live in errors.hpp.
#include <tao/pegtl.hpp>

#include "skip_item.hpp"

namespace infrac::grammar {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// ---- lexical ----------------------------------------------------------------
struct comment : seq<one<'#'>, until<at<eolf>>> {};
struct blank_or_comment : sor<space, comment> {};
struct sp : star<blank_or_comment> {};
struct hsp : star<blank> {};

struct identifier : pegtl::identifier {};
struct qualified_name : seq<pegtl::identifier, star<TAO_PEGTL_STRING("::"), pegtl::identifier>> {};
struct stack_name : seq<alpha, star<sor<alnum, one<'-'>>>> {};

// Strings never span lines; the AST builder decodes escapes and interpolations.
struct escape_char : one<'"', '\\', 'n', 't', 'r', 'u', '/'> {};
struct escape : seq<one<'\\'>, must<escape_char>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_body : star<string_char> {};
struct string_close : one<'"'> {};
struct string_literal : seq<one<'"'>, string_body, must<string_close>> {};

struct number : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>, not_at<identifier_other>> {};
struct true_kw : TAO_PEGTL_KEYWORD("true") {};
struct false_kw : TAO_PEGTL_KEYWORD("false") {};
struct boolean : sor<true_kw, false_kw> {};

// ---- text blocks --------------------------------------------------------------
// A fence of N backticks opens a block that ends at a line holding only the same
// N backticks after indentation. Longer fences let a text contain shorter ones.
template <unsigned N>
struct fence : seq<rep<N, one<'`'>>, not_at<one<'`'>>> {};
struct text_tag_char : sor<alnum, one<'-', '_', '+', '.'>> {};
struct text_tag : star<text_tag_char> {};
struct text_open_rest : seq<text_tag, hsp, eol> {};
// A fence followed by a tag (```sh) opens a block in the text, so it does not close this one.
// A closing fence with `-` (```-) drops the text's final line break, as YAML's `|-` does.
struct text_strip_marker : one<'-'> {};
template <unsigned N>
struct text_close : seq<hsp, fence<N>, opt<text_strip_marker>, not_at<text_tag_char>> {};
struct text_line : seq<not_at<eof>, until<eolf>> {};
template <unsigned N>
struct text_lines : until<text_close<N>, text_line> {};
template <unsigned N>
struct text_block_n : seq<fence<N>, must<text_open_rest>, must<at<text_lines<N>>>, text_lines<N>> {};
struct text_block : sor<text_block_n<6>, text_block_n<5>, text_block_n<4>, text_block_n<3>> {};

// ---- values ---------------------------------------------------------------------
// `<<Name>>` or `<<Name.Field>>` inside a name, replaced by a `for` loop.
struct name_interpolation : seq<TAO_PEGTL_STRING("<<"), pegtl::identifier, star<one<'.'>, pegtl::identifier>, TAO_PEGTL_STRING(">>")> {};
// Where a declaration starts, no value or body entry can: seeing one there means
// the author left a value or a `}` out, and the error says so at that line.
struct declaration_start
    : sor<seq<sor<TAO_PEGTL_KEYWORD("resource"), TAO_PEGTL_KEYWORD("param"), TAO_PEGTL_KEYWORD("output"),
                  TAO_PEGTL_KEYWORD("mapping"), TAO_PEGTL_KEYWORD("stack"), TAO_PEGTL_KEYWORD("rule")>,
              plus<blank>, pegtl::identifier>,
          seq<sor<TAO_PEGTL_KEYWORD("component"), TAO_PEGTL_KEYWORD("use"), TAO_PEGTL_KEYWORD("for")>, plus<blank>, pegtl::identifier>,
          seq<TAO_PEGTL_KEYWORD("condition"), plus<blank>, pegtl::identifier, star<blank>, one<'='>>,
          seq<TAO_PEGTL_KEYWORD("policy"), star<blank>, one<'{'>>,
          seq<TAO_PEGTL_KEYWORD("let"), plus<blank>, pegtl::identifier, star<blank>, one<'='>>,
          seq<TAO_PEGTL_KEYWORD("import"), star<blank>, one<'"'>>> {};
struct value;
struct separator : seq<sp, opt<one<','>, sp>> {};

struct list_close : one<']'> {};
// `...Name` inside a list: the items of a list known when compiling, spliced in.
struct spread_operator : TAO_PEGTL_STRING("...") {};
struct spread_value : seq<value> {};
struct spread : seq<spread_operator, sp, must<spread_value>> {};
struct list_item : sor<spread, value> {};
struct list : seq<one<'['>, sp, opt<list_item, star<separator, list_item>>, sp, opt<one<','>>, sp, must<list_close>> {};

struct map_key : sor<string_literal, qualified_name> {};
struct map_colon : one<':'> {};
// `t2.micro: ...` or `us-east-1: ...`: a key that needs quotes, said as such.
struct unquoted_key_char : pegtl::failure {};  // only raised
struct map_key_end : sor<seq<at<one<'.', '-'>>, raise<unquoted_key_char>>, must<map_colon>> {};
struct map_entry : seq<map_key, sp, map_key_end, sp, must<value>> {};
struct map_close : one<'}'> {};
struct map : seq<one<'{'>, sp, opt<map_entry, star<separator, map_entry>>, sp, opt<one<','>>, sp, must<map_close>> {};

struct call_name : pegtl::identifier {};
struct call_close : one<')'> {};
struct call : seq<call_name, hsp, one<'('>, sp, opt<value, star<separator, value>>, sp, opt<one<','>>, sp, must<call_close>> {};

struct attribute_path : seq<pegtl::identifier, star<one<'.'>, pegtl::identifier>> {};
// A name in a value; inside a `for` loop it may carry the loop variable: `Subnet<<Zone>>`.
struct reference_name : seq<sor<pegtl::identifier, seq<name_interpolation, star<identifier_other>>>,
                            star<sor<plus<identifier_other>, name_interpolation>>, star<TAO_PEGTL_STRING("::"), pegtl::identifier>> {};
// `data-store.Endpoint`: an output of a stack whose name has hyphens (only stacks may).
struct hyphenated_stack_name : seq<pegtl::identifier, plus<one<'-'>, plus<identifier_other>>, at<one<'.'>>> {};
struct reference : seq<sor<hyphenated_stack_name, reference_name>, opt<one<'.'>, must<attribute_path>>> {};

// `!Ref X`, `!Sub ...`: CloudFormation's YAML short forms, said as such.
struct yaml_short_form : pegtl::failure {};  // only raised
struct value : seq<not_at<declaration_start>, sor<text_block, string_literal, number, boolean, list, map, call, reference,
                                                  seq<at<one<'!'>, alpha>, raise<yaml_short_form>>>> {};

// ---- declarations ------------------------------------------------------------
struct type_name;
struct type_argument_close : one<'>'> {};
struct type_name : seq<qualified_name, opt<hsp, one<'<'>, sp, must<type_name>, sp, must<type_argument_close>>> {};

// `keyword value` inside a declaration body (description, depends_on, ...).
struct attribute_keyword : pegtl::identifier {};
struct attribute : seq<attribute_keyword, not_at<hsp, one<':'>>, sp, must<value>> {};
// `Name: value` inside a resource body: a CloudFormation property.
struct property_name : pegtl::identifier {};
struct property : seq<property_name, hsp, one<':'>, sp, must<value>> {};

struct body_close : one<'}'> {};
struct unclosed_body : pegtl::failure {};  // only raised: a declaration starts where the body's `}` should be
struct body_end : sor<body_close, seq<at<declaration_start>, raise<unclosed_body>>> {};
// Parameters and outputs take attributes only; `description: "..."` (a property's colon) is
// kept as an attribute written with a colon, which check reports, so that the file is checked.
struct attribute_with_colon : seq<property_name, hsp, one<':'>, sp, must<value>> {};
struct attribute_body_close : one<'}'> {};
struct attribute_body_end : sor<attribute_body_close, seq<at<declaration_start>, raise<unclosed_body>>> {};
struct attribute_body : seq<one<'{'>, sp, star<not_at<declaration_start>, sor<attribute, attribute_with_colon>, separator>, must<attribute_body_end>> {};
struct resource_body : seq<one<'{'>, sp, star<not_at<declaration_start>, sor<property, attribute>, separator>, must<body_end>> {};

struct decl_name : pegtl::identifier {};
// A logical id that a `for` loop stamps out: `PublicSubnet<<Zone.Suffix>>`.
struct templated_name : plus<sor<plus<identifier_other>, name_interpolation>> {};
struct colon : one<':'> {};
struct equals_sign : one<'='> {};
struct open_brace : one<'{'> {};

struct param_kw : TAO_PEGTL_KEYWORD("param") {};
struct default_value : seq<one<'='>, sp, must<value>> {};
struct param_decl : seq<param_kw, sp, must<templated_name>, sp, must<colon>, sp, must<type_name>, sp, opt<default_value, sp>, opt<attribute_body>> {};

struct resource_kw : TAO_PEGTL_KEYWORD("resource") {};
struct resource_type : qualified_name {};
struct resource_decl : seq<resource_kw, sp, must<templated_name>, sp, must<colon>, sp, must<resource_type>, sp, must<at<open_brace>>, resource_body> {};

struct output_kw : TAO_PEGTL_KEYWORD("output") {};
struct output_decl : seq<output_kw, sp, must<templated_name>, sp, must<equals_sign>, sp, must<value>, sp, opt<attribute_body>> {};

struct mapping_kw : TAO_PEGTL_KEYWORD("mapping") {};
struct mapping_decl : seq<mapping_kw, sp, must<templated_name>, sp, must<at<open_brace>>, map> {};

struct condition_kw : TAO_PEGTL_KEYWORD("condition") {};
struct condition_decl : seq<condition_kw, sp, must<templated_name>, sp, must<equals_sign>, sp, must<value>> {};

// ---- rules ----------------------------------------------------------------------
// `rule Name { when condition  assert condition "description" ... }`: CloudFormation's
// Rules section, checked against the parameters before any resource is touched.
struct rule_kw : TAO_PEGTL_KEYWORD("rule") {};
struct when_kw : TAO_PEGTL_KEYWORD("when") {};
struct assert_kw : TAO_PEGTL_KEYWORD("assert") {};
struct rule_condition : seq<when_kw, sp, must<value>> {};
struct assert_description : sor<text_block, string_literal> {};
struct rule_assertion : seq<assert_kw, sp, must<value>, sp, opt<assert_description>> {};
struct rule_close : one<'}'> {};
struct rule_body : seq<open_brace, sp, opt<rule_condition, sp>, star<rule_assertion, sp>, must<rule_close>> {};
struct rule_decl : seq<rule_kw, sp, must<templated_name>, sp, must<at<open_brace>>, rule_body> {};

// ---- stack policy -------------------------------------------------------------
struct allow_kw : TAO_PEGTL_KEYWORD("allow") {};
struct deny_kw : TAO_PEGTL_KEYWORD("deny") {};
struct effect : sor<allow_kw, deny_kw> {};
struct action_modify : TAO_PEGTL_KEYWORD("modify") {};
struct action_replace : TAO_PEGTL_KEYWORD("replace") {};
struct action_delete : TAO_PEGTL_KEYWORD("delete") {};
struct action_all : one<'*'> {};
struct policy_action : sor<action_modify, action_replace, action_delete, action_all> {};
struct policy_actions : seq<policy_action, star<hsp, one<','>, sp, must<policy_action>>> {};
struct not_kw : TAO_PEGTL_KEYWORD("not") {};
struct type_kw : TAO_PEGTL_KEYWORD("type") {};
struct target_type_name : sor<string_literal, qualified_name> {};
struct target_type : seq<type_kw, sp, must<target_type_name>> {};
struct target_pattern : string_literal {};
struct target_name : templated_name {};  // inside a `for`, `Subnet<<Zone>>`
struct policy_target : seq<opt<not_kw, sp>, must<sor<target_type, target_pattern, target_name>>> {};
struct policy_targets : seq<policy_target, star<hsp, one<','>, sp, must<policy_target>>> {};
struct policy_statement : seq<effect, sp, must<policy_actions>, sp, must<policy_targets>> {};
struct policy_close : one<'}'> {};
struct policy_kw : TAO_PEGTL_KEYWORD("policy") {};
struct policy_decl : seq<policy_kw, sp, must<open_brace>, sp, star<policy_statement, sp>, must<policy_close>> {};

// ---- constants and imports -------------------------------------------------------
// `let Name = value`: a compile-time constant, in a file or in a stack.
struct let_kw : TAO_PEGTL_KEYWORD("let") {};
struct let_decl : seq<let_kw, sp, must<decl_name>, sp, must<equals_sign>, sp, must<value>> {};
// `import "path.infra"` or `import "std/aws/network"`.
struct import_kw : TAO_PEGTL_KEYWORD("import") {};
struct import_path : string_literal {};
struct import_decl : seq<import_kw, sp, must<import_path>> {};

// ---- components ------------------------------------------------------------------
// `use WebTier as App { Port: 8080 }`: an instance of a component, whose declarations
// join the stack with `App` before their names; without `as App`, with their own names
// (in a component, the enclosing instance's prefix only: nested prefixes do not stack).
struct use_kw : TAO_PEGTL_KEYWORD("use") {};
struct as_kw : TAO_PEGTL_KEYWORD("as") {};
struct component_ref : pegtl::identifier {};
struct instance_name : pegtl::identifier {};
// `as` may follow on the next line (after a comment, say); a name on the same line
// without `as` before it is a forgotten `as`.
struct use_without_as : not_at<identifier> {};
struct use_decl
    : seq<use_kw, sp, must<component_ref>, sor<seq<sp, as_kw, sp, must<instance_name>>, seq<hsp, must<use_without_as>>>, sp, opt<map>> {};

// `for Zone in ["a", "b"] { resource Subnet<<Zone>>: ... }`: declarations stamped
// out once per item of a list known at compile time.
struct for_kw : TAO_PEGTL_KEYWORD("for") {};
struct in_kw : TAO_PEGTL_KEYWORD("in") {};
struct for_decl;

// `component WebTier(Port: Number = 80, Subnets: List) { ... }`
struct component_param_type : type_name {};
// `Name?`: an optional parameter; left out, it leaves out the property that uses it.
struct optional_marker : one<'?'> {};
struct component_param : seq<decl_name, opt<optional_marker>, sp, opt<one<':'>, sp, must<component_param_type>>, sp, opt<default_value>> {};
struct component_params_close : one<')'> {};
struct component_params : seq<one<'('>, sp, opt<component_param, star<separator, component_param>>, sp, opt<one<','>>, sp, must<component_params_close>> {};
struct component_kw : TAO_PEGTL_KEYWORD("component") {};
struct component_item : sor<param_decl, resource_decl, output_decl, mapping_decl, condition_decl, rule_decl, policy_decl, let_decl, use_decl, for_decl> {};
struct component_item_recovering : skip_item::recover<component_item, skip_item::Level::Stack> {};
struct for_close : one<'}'> {};
struct for_decl : seq<for_kw, sp, must<decl_name>, sp, must<in_kw>, sp, must<value>, sp, must<open_brace>, sp,
                      star<component_item_recovering, sp>, must<for_close>> {};
struct component_close : one<'}'> {};
struct component_decl : seq<component_kw, sp, must<decl_name>, sp, opt<component_params, sp>, must<open_brace>, sp,
                            star<component_item_recovering, sp>, must<component_close>> {};

// ---- stacks and files -----------------------------------------------------------
struct stack_attribute_keyword : sor<TAO_PEGTL_KEYWORD("description"), TAO_PEGTL_KEYWORD("metadata"), TAO_PEGTL_KEYWORD("transform")> {};
struct stack_attribute : seq<stack_attribute_keyword, sp, must<value>> {};

struct stack_item : sor<param_decl, resource_decl, output_decl, mapping_decl, condition_decl, rule_decl, policy_decl, let_decl, use_decl, for_decl, stack_attribute> {};
// A broken item is reported and skipped so that one run reports every error.
struct stack_item_recovering : skip_item::recover<stack_item, skip_item::Level::Stack> {};
struct stack_close : one<'}'> {};
struct stack_kw : TAO_PEGTL_KEYWORD("stack") {};
struct stack_decl : seq<stack_kw, sp, must<stack_name>, sp, must<open_brace>, sp, star<stack_item_recovering, sp>, must<stack_close>> {};

struct top_item : sor<import_decl, let_decl, component_decl, stack_decl> {};
struct top_item_recovering : skip_item::recover<top_item, skip_item::Level::File> {};
struct file : seq<opt<utf8::bom>, sp, star<top_item_recovering, sp>, eof> {};

}  // namespace infrac::grammar
