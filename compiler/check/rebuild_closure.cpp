#include "check/rebuild_closure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "ast/lookup.hpp"
#include "check/policy.hpp"
#include "check/references.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

enum class Change { None, Modify, Replace };

const char* change_name(Change c) { return c == Change::Replace ? "replace" : "modify"; }

// One place where a resource's property refers to a name.
struct Use {
  std::size_t resource;            // the resource whose property refers
  std::string property;            // its top-level property
  std::vector<std::string> path;   // property, then keys of nested maps
  std::string name;                // the name referred to
  bool attribute;                  // `Name.Attr` (GetAtt) rather than `Name` (Ref)
  Span span;
};

void collect_uses(const ast::Expr& e, std::size_t resource, std::vector<std::string>& path, std::vector<Use>& out) {
  auto add = [&](const std::string& name, bool attribute, Span span) { out.push_back({resource, path.front(), path, name, attribute, span}); };
  switch (e.kind) {
    case Kind::Reference:
      add(e.name, !e.attribute.empty(), e.span);
      return;
    case Kind::Text:
      for (const auto& part : e.parts) {
        if (part.kind == ast::TextPart::Kind::Reference) add(part.text, !part.attribute.empty(), part.span);
      }
      return;
    case Kind::Map:
      for (const auto& entry : e.entries) {
        path.push_back(entry.key);
        collect_uses(entry.value, resource, path, out);
        path.pop_back();
      }
      return;
    case Kind::List:
      for (const auto& item : e.items) collect_uses(item, resource, path, out);
      return;
    case Kind::Call:
      if (e.name == "sub" && !e.items.empty()) {
        // `${Name}` and `${Res.Attr}` of the Fn::Sub string, unless sub()'s own map defines them.
        const ast::Expr* variables = e.items.size() > 1 ? &e.items[1] : nullptr;
        for_each_sub_variable(e.items[0].text, [&](const std::string& variable) {
          std::string name = variable.substr(0, variable.find('.'));
          if (variables && ast::find_entry(*variables, name)) return;
          add(name, name.size() < variable.size(), e.items[0].span);
        });
        if (variables) collect_uses(*variables, resource, path, out);
        return;
      }
      if (e.name == "get_att" && !e.items.empty()) add(e.items[0].name, true, e.items[0].span);
      if (e.name == "ref" && !e.items.empty()) add(e.items[0].name, false, e.items[0].span);
      for (std::size_t i = (e.name == "if" || e.name == "find_in_map" || e.name == "get_att" || e.name == "ref") ? 1 : 0;
           i < e.items.size(); ++i) {
        collect_uses(e.items[i], resource, path, out);
      }
      return;
    default:
      return;
  }
}

struct Effect {
  Change change = Change::None;
  std::string reason;  // why, for the notes
  Span where;          // the reference that carries the change
};

bool action_matches(const ast::PolicyAction& a, Change change) {
  using A = ast::PolicyAction::Kind;
  return a.kind == A::All || (a.kind == A::Modify && change == Change::Modify) || (a.kind == A::Replace && change == Change::Replace);
}

bool statement_covers(const ast::PolicyStatement& s, const ast::Resource& r) {
  // `not` targets of one statement form a NotResource list: the resource must match none of them.
  bool negated = std::any_of(s.targets.begin(), s.targets.end(), [](const ast::PolicyTarget& t) { return t.negated; });
  auto hit = [&](const ast::PolicyTarget& t) {
    return t.kind == ast::PolicyTarget::Kind::Type ? glob_match(t.text, r.type.text) : glob_match(t.text, r.name);
  };
  if (negated) return std::none_of(s.targets.begin(), s.targets.end(), hit);
  return std::any_of(s.targets.begin(), s.targets.end(), hit);
}

// How the stack policy decides an update: an explicit deny wins, then an allow is
// needed; anything else is denied. `deny` is set when a statement denies it.
bool policy_allows(const ast::Stack& stack, const ast::Resource& r, Change change, const ast::PolicyStatement** deny) {
  if (stack.policies.empty()) return false;
  bool allowed = false;
  for (const auto& s : stack.policies.front().statements) {
    bool action = std::any_of(s.actions.begin(), s.actions.end(), [&](const ast::PolicyAction& a) { return action_matches(a, change); });
    if (!action || !statement_covers(s, r)) continue;
    if (s.effect == ast::PolicyEffect::Deny) {
      *deny = &s;
      return false;
    }
    allowed = true;
  }
  return allowed;
}

bool replaces_on_update(const ast::Resource& r) {
  for (const auto& a : r.attributes) {
    if (a.keyword != "update_policy") continue;
    for (const auto& policy : a.value.entries) {
      if (policy.key != "AutoScalingReplacingUpdate") continue;
      for (const auto& setting : policy.value.entries) {
        if (setting.key == "WillReplace" && setting.value.kind == Kind::Bool && setting.value.boolean) return true;
      }
    }
  }
  return false;
}

}  // namespace

void check_rebuild_closure(const ast::Stack& stack, const StackSymbols& symbols, const ResourceSpec& spec,
                           const std::string& parameter, Diagnostics& diagnostics) {
  auto declared = symbols.parameters.find(parameter);
  if (declared == symbols.parameters.end()) return;  // the driver reports a parameter no stack declares
  const auto& resources = stack.resources;
  std::vector<Use> uses;
  for (std::size_t i = 0; i < resources.size(); ++i) {
    for (const auto& p : resources[i].properties) {
      std::vector<std::string> path = {p.name};
      collect_uses(p.value, i, path, uses);
    }
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < resources.size(); ++i) index.emplace(resources[i].name, i);

  // Worklist to a fixed point: a changed value changes the properties that use it.
  std::vector<Effect> effects(resources.size());
  auto behaviour = [&](const Use& use) {
    const std::string& type = resources[use.resource].type.text;
    if (!spec.find_type(type)) return Change::Modify;  // custom resources update in place
    auto b = spec.update_behavior(type, use.path);
    if (b == UpdateBehavior::Immutable) return Change::Replace;
    // Conditional replacement depends on the resource's own settings; the one that matters
    // for a fleet is a group whose update policy asks to replace it (WillReplace).
    if (b == UpdateBehavior::Conditional && replaces_on_update(resources[use.resource])) return Change::Replace;
    return Change::Modify;
  };
  auto update = [&](const Use& use, const std::string& why) {
    Change c = behaviour(use);
    Effect& e = effects[use.resource];
    if (c <= e.change) return false;
    e = {c, fmt::format("its property `{}` uses {}", fmt::join(use.path, "."), why), use.span};
    return true;
  };
  bool progress = true;
  for (std::size_t round = 0; progress && round <= resources.size() + 1; ++round) {
    progress = false;
    for (const Use& use : uses) {
      if (use.name == parameter && !use.attribute) {
        progress |= update(use, "`" + parameter + "`");
        continue;
      }
      auto it = index.find(use.name);
      if (it == index.end()) continue;
      Change source = effects[it->second].change;
      // A replaced resource has a new id and new attributes; a modified one keeps
      // its id but its attributes may change (a launch template's LatestVersionNumber).
      bool changed = source == Change::Replace || (source == Change::Modify && use.attribute);
      if (changed) {
        progress |= update(use, fmt::format("`{}{}`, which changes when `{}` is {}", use.name, use.attribute ? ".…" : "",
                                            use.name, source == Change::Replace ? "replaced" : "modified"));
      }
    }
  }

  std::vector<std::string> touched;
  bool denied = false;
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const Effect& e = effects[i];
    if (e.change == Change::None) continue;
    touched.push_back(fmt::format("{} `{}`", e.change == Change::Replace ? "replaces" : "modifies", resources[i].name));
    const ast::PolicyStatement* deny = nullptr;
    if (policy_allows(stack, resources[i], e.change, &deny)) continue;
    denied = true;
    auto& d = diagnostics.error(resources[i].name_span,
                                fmt::format("a rebuild (a change of `{}` alone) would {} `{}`, but the stack policy of `{}` denies "
                                            "Update:{}: the update would fail half-way",
                                            parameter, change_name(e.change), resources[i].name, stack.name,
                                            e.change == Change::Replace ? "Replace" : "Modify"));
    d.notes.push_back({e.where, "`" + resources[i].name + "` changes because " + e.reason});
    if (deny) {
      d.notes.push_back({deny->span, "this statement denies it; an allow cannot override a deny"});
    } else {
      d.notes.push_back({std::nullopt, fmt::format("allow it: `allow {} {}`", change_name(e.change), resources[i].name)});
    }
  }
  // Allowances no rebuild uses: the policy is wider than the rebuild needs.
  bool unused = false;
  if (!stack.policies.empty()) {
    for (const auto& s : stack.policies.front().statements) {
      if (s.effect != ast::PolicyEffect::Allow) continue;
      // Each resource this statement lets change in a way no rebuild changes it.
      std::vector<std::string> wider;
      for (std::size_t i = 0; i < resources.size(); ++i) {
        if (!statement_covers(s, resources[i])) continue;
        Change change = effects[i].change;
        bool used = change != Change::None &&
                    std::any_of(s.actions.begin(), s.actions.end(), [&](const ast::PolicyAction& a) { return action_matches(a, change); });
        if (!used) wider.push_back("`" + resources[i].name + "`");
      }
      if (wider.empty()) continue;
      unused = true;
      auto& d = diagnostics.warning(s.span, fmt::format("this statement allows updates that a rebuild (a change of `{}`) never makes, to {}",
                                                        parameter, fmt::join(wider, ", ")));
      d.notes.push_back({std::nullopt, "a stack policy protects best when it allows exactly what the rebuild changes"});
    }
  }
  if (!denied) {
    std::string what = touched.empty() ? "changes no resource" : fmt::format("{}", fmt::join(touched, ", "));
    Diagnostic summary{Severity::Note, declared->second->name_span, {},
                       fmt::format("a rebuild of stack `{}` (a change of `{}` alone) {}; the stack policy allows {}", stack.name,
                                   parameter, what, unused ? "it, and more" : "exactly that"),
                       {}};
    diagnostics.add(std::move(summary));
  }
}

}  // namespace infrac
