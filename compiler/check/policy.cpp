#include "check/policy.hpp"

#include <fmt/format.h>

#include <set>

#include "check/instance_notes.hpp"

namespace infrac {

namespace {

std::string listing(const std::vector<std::string>& names) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& n : names) {
    if (shown == 8) {
      out += fmt::format(", and {} more", names.size() - shown);
      break;
    }
    out += (out.empty() ? "`" : ", `") + n + "`";
    ++shown;
  }
  return out;
}

void check_target(const ast::PolicyTarget& target, const ast::Stack& stack, const StackSymbols& symbols,
                  Diagnostics& diagnostics) {
  using K = ast::PolicyTarget::Kind;
  std::vector<std::string> resource_names = names_of(symbols.resources);
  switch (target.kind) {
    case K::Name:
      if (!symbols.resources.count(target.text)) {
        auto& d = diagnostics.error(target.span, "policy names `" + target.text + "`, which is not a resource of stack `" + stack.name + "`");
        add_did_you_mean(d, target.text, resource_names);
      }
      return;
    case K::Pattern: {
      bool matched = false;
      for (const auto& name : resource_names) matched |= glob_match(target.text, name);
      if (!matched) {
        auto& d = diagnostics.error(target.span, "policy pattern \"" + target.text + "\" matches no resource of stack `" + stack.name + "`");
        if (!resource_names.empty()) d.notes.push_back({std::nullopt, "the stack's resources are " + listing(resource_names)});
      }
      return;
    }
    case K::Type: {
      std::set<std::string> types;
      bool matched = false;
      for (const auto& r : stack.resources) {
        types.insert(r.type.text);
        matched |= glob_match(target.text, r.type.text);
      }
      if (!matched) {
        auto& d = diagnostics.error(target.span, "policy type `" + target.text + "` matches no resource of stack `" + stack.name + "`");
        std::vector<std::string> type_list(types.begin(), types.end());
        add_did_you_mean(d, target.text, type_list);
        if (d.notes.empty() && !type_list.empty()) d.notes.push_back({std::nullopt, "the stack's resource types are " + listing(type_list)});
      }
      return;
    }
  }
}

}  // namespace

void check_policies(const ast::Stack& stack, const StackSymbols& symbols, Diagnostics& diagnostics) {
  if (stack.policies.empty()) {
    auto& d = diagnostics.warning(stack.name_span, "stack `" + stack.name + "` declares no policy: every update of its resources is denied");
    d.notes.push_back({std::nullopt, "declare what a rebuild may change, such as `policy { allow modify \"*AutoScalingGroup\" }`, "
                                     "or allow everything explicitly with `policy { allow * \"*\" }`"});
    return;
  }
  for (std::size_t i = 1; i < stack.policies.size(); ++i) {
    auto& d = diagnostics.error(stack.policies[i].span, "stack `" + stack.name + "` has more than one policy");
    d.notes.push_back({stack.policies[0].span, "the first policy is here; put every statement in it"});
  }
  // A stack without resources is reported as such; its policy cannot match anything.
  if (stack.resources.empty()) return;
  for (const auto& statement : stack.policies[0].statements) {
    InstanceNotes notes(diagnostics, statement.instantiated_at);
    std::set<ast::PolicyAction::Kind> actions;
    for (const auto& action : statement.actions) {
      if (!actions.insert(action.kind).second) {
        static constexpr const char* names[] = {"modify", "replace", "delete", "*"};
        diagnostics.error(action.span, std::string("`") + names[static_cast<int>(action.kind)] + "` is listed twice in this statement");
      }
    }
    if (actions.count(ast::PolicyAction::Kind::All) && actions.size() > 1) {
      diagnostics.error(statement.actions.front().span, "`*` already covers `modify`, `replace` and `delete`");
    }
    bool negated = false, plain = false;
    for (const auto& target : statement.targets) {
      // Types become statements of their own, so only ids and patterns can clash.
      if (target.kind != ast::PolicyTarget::Kind::Type) (target.negated ? negated : plain) = true;
      check_target(target, stack, symbols, diagnostics);
    }
    if (negated && plain) {
      auto& d = diagnostics.error(statement.span, "a statement cannot mix `not` names or patterns with other names or patterns");
      d.notes.push_back({std::nullopt, "write them as two statements"});
    }
  }
}

}  // namespace infrac
