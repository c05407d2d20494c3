#pragma once
#include <string_view>

#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// A policy target that protects nothing is an error: a typo there would
// silently leave a resource open or a rebuild blocked.
void check_policies(const ast::Stack& stack, const StackSymbols& symbols, Diagnostics& diagnostics);

// Stack-policy wildcard matching: `*` matches any run of characters.
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace infrac
