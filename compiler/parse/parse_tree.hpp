#pragma once
// Which grammar rules become parse-tree nodes. Private to the parser: the
// tree is converted to the AST at once and no other phase sees PEGTL.
#include <tao/pegtl/contrib/parse_tree.hpp>

#include "infra_grammar.hpp"

namespace infrac::parse_detail {

namespace g = infrac::grammar;
namespace pt = tao::pegtl::parse_tree;

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<g::comment, g::stack_decl, g::stack_name, g::stack_attribute, g::stack_attribute_keyword,
                          g::param_decl, g::resource_decl, g::output_decl, g::mapping_decl, g::condition_decl,
                          g::policy_decl, g::decl_name, g::type_name, g::resource_type, g::default_value,
                          g::attribute_body, g::resource_body, g::attribute, g::attribute_keyword, g::property,
                          g::property_name, g::policy_statement, g::allow_kw, g::deny_kw, g::action_modify,
                          g::action_replace, g::action_delete, g::action_all, g::policy_target, g::not_kw,
                          g::target_type_name, g::target_pattern, g::target_name, g::text_block, g::string_literal,
                          g::number, g::boolean, g::list, g::map, g::map_entry, g::map_key, g::call, g::call_name,
                          g::reference, g::attribute_path, g::let_decl, g::import_decl, g::import_path, g::use_decl, g::component_ref,
                          g::instance_name, g::component_decl, g::component_param, g::component_param_type, g::templated_name,
                          g::for_decl, g::spread, g::optional_marker, g::rule_decl, g::rule_condition,
                          g::rule_assertion, g::assert_description, g::attribute_with_colon>>;

using Node = pt::node;

}  // namespace infrac::parse_detail
