#pragma once
// `--params FILE`: per-stack parameter values, JSON or YAML (a .yml/.yaml name, or
// text that is not JSON), shaped { "<stack>": { "<Parameter>": "value" } }.
// Numbers and booleans become their text; a list becomes a comma-joined value
// (CommaDelimitedList, List<...>).
#include <string>
#include <variant>

#include "deploy/deploy.hpp"

namespace infrac::deploy {

// The values, or a message naming the file and what is wrong.
std::variant<ParameterValues, std::string> parse_params_file(const std::string& path, const std::string& text);

}  // namespace infrac::deploy
