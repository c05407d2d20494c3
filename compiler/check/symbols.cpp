#include "check/symbols.hpp"

#include "resolve/components.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace infrac {

const std::vector<std::string>& pseudo_parameters() {
  static const std::vector<std::string> names = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
                                                 "AWS::Partition", "AWS::Region",           "AWS::StackId",
                                                 "AWS::StackName", "AWS::URLSuffix"};
  return names;
}

bool is_pseudo_parameter(std::string_view name) {
  const auto& names = pseudo_parameters();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> StackSymbols::referable_names() const {
  std::vector<std::string> out = names_of(parameters);
  for (const auto& [name, _] : resources) out.push_back(name);
  for (const auto& name : pseudo_parameters()) out.push_back(name);
  return out;
}

namespace {

constexpr std::size_t kMaxLogicalIdLength = 255;

void check_logical_id(const std::string& name, Span span, Diagnostics& diagnostics) {
  bool alphanumeric = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  if (name.find("<<") != std::string::npos) {
    auto& d = diagnostics.error(span, "`" + name + "` interpolates into a name outside a `for` loop that binds it");
    d.notes.push_back({std::nullopt, "only a `for` loop variable can be interpolated into a declaration's name"});
    return;
  }
  if (!alphanumeric) {
    auto& d = diagnostics.error(span, "`" + name + "` is not a valid logical id: CloudFormation allows only letters and digits");
    std::string suggestion;
    for (char c : name) {
      if (c != '_') suggestion += c;
    }
    if (!suggestion.empty()) d.notes.push_back({std::nullopt, "write `" + suggestion + "` instead"});
  } else if (name.size() > kMaxLogicalIdLength) {
    diagnostics.error(span, fmt::format("logical id is {} characters long; CloudFormation allows at most {}", name.size(),
                                        kMaxLogicalIdLength));
  }
}

template <typename Decl>
void declare(std::map<std::string, const Decl*>& table, const Decl& decl, const char* what, Diagnostics& diagnostics) {
  if (decl.name.empty()) return;
  check_logical_id(decl.name, decl.name_span, diagnostics);
  auto [it, inserted] = table.emplace(decl.name, &decl);
  if (!inserted) {
    // Two instances of one component declare it at the same place: the notes say which.
    auto& d = diagnostics.error(decl.name_span, fmt::format("duplicate {} `{}`", what, decl.name));
    note_instances(d, decl.instantiated_at);
    d.notes.push_back({it->second->name_span, "first declared here"});
    note_instances(d, it->second->instantiated_at, "the first is ");
  }
}

}  // namespace

StackSymbols collect_symbols(const ast::Stack& stack, Diagnostics& diagnostics) {
  StackSymbols symbols;
  for (const auto& p : stack.parameters) declare(symbols.parameters, p, "parameter", diagnostics);
  for (const auto& r : stack.resources) {
    if (auto it = symbols.parameters.find(r.name); it != symbols.parameters.end()) {
      auto& d = diagnostics.error(r.name_span, "resource `" + r.name + "` has the same name as a parameter");
      d.notes.push_back({it->second->name_span, "the parameter is declared here; parameters and resources share one namespace"});
      continue;
    }
    declare(symbols.resources, r, "resource", diagnostics);
  }
  for (const auto& m : stack.mappings) declare(symbols.mappings, m, "mapping", diagnostics);
  for (const auto& c : stack.conditions) declare(symbols.conditions, c, "condition", diagnostics);
  for (const auto& o : stack.outputs) declare(symbols.outputs, o, "output", diagnostics);
  for (const auto& r : stack.rules) declare(symbols.rules, r, "rule", diagnostics);
  return symbols;
}

}  // namespace infrac
