#pragma once
// The names a stack declares, by namespace, as CloudFormation scopes them:
// parameters and resources share one (both are Ref targets); mappings,
// conditions and outputs each have their own.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

struct StackSymbols {
  std::map<std::string, const ast::Parameter*> parameters;
  std::map<std::string, const ast::Resource*> resources;
  std::map<std::string, const ast::Mapping*> mappings;
  std::map<std::string, const ast::Condition*> conditions;
  std::map<std::string, const ast::Output*> outputs;
  std::map<std::string, const ast::Rule*> rules;

  std::vector<std::string> referable_names() const;  // parameters, resources, pseudo parameters
};

// Collects the declarations of a stack, reporting duplicates and bad logical ids.
StackSymbols collect_symbols(const ast::Stack& stack, Diagnostics& diagnostics);

bool is_pseudo_parameter(std::string_view name);
const std::vector<std::string>& pseudo_parameters();

template <typename Map>
std::vector<std::string> names_of(const Map& map) {
  std::vector<std::string> out;
  for (const auto& [name, _] : map) out.push_back(name);
  return out;
}

}  // namespace infrac
