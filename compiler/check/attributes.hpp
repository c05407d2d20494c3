#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Indexes `keyword value` attributes by keyword, reporting unknown keywords
// (with "did you mean") and repeats. `where` names the declaration kind.
std::map<std::string, const ast::Attribute*> index_attributes(const std::vector<ast::Attribute>& attributes,
                                                              const std::vector<std::string>& allowed,
                                                              const std::string& where, Diagnostics& diagnostics);

// Shape checks shared by every declaration.
bool expect_plain_string(const ast::Attribute& a, Diagnostics& diagnostics);
bool expect_number(const ast::Attribute& a, Diagnostics& diagnostics);
bool expect_bool(const ast::Attribute& a, Diagnostics& diagnostics);
bool expect_map(const ast::Attribute& a, Diagnostics& diagnostics);
bool is_scalar(const ast::Expr& e);

// The infra attribute for a CloudFormation resource attribute written as a property
// (`DependsOn:` is `depends_on`); nothing for a real property name.
std::optional<std::string> attribute_keyword_for(const std::string& property_name);

}  // namespace infrac
