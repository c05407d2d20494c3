#pragma once
// `--params FILE`: per-stack parameter values, JSON or YAML, read by the one loader of
// documents (cfn/load.hpp: JSON when the text opens with `{` or `[`, else YAML), shaped
// { "<stack>": { "<Parameter>": "value" } }. Numbers and booleans become their text
// (a number as JSON writes it: quote `"1.10"` to keep its digits); a list becomes a
// comma-joined value (CommaDelimitedList, List<...>).
#include <string>
#include <variant>

#include "deploy/deploy.hpp"

namespace infrac::deploy {

// The values, or a message naming the file and what is wrong (a line per problem).
std::variant<ParameterValues, std::string> parse_params_file(const std::string& path, const std::string& text);

}  // namespace infrac::deploy
