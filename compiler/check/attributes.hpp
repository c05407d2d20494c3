#pragma once
#include <map>
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

}  // namespace infrac
