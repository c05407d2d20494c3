#include "resolve/components.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "ast/for_each_expr.hpp"
#include "check/parameter_types.hpp"
#include "check/policy.hpp"
#include "parse/text.hpp"
#include "resolve/imports.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// Components nest; a chain this deep is a component that uses itself.
constexpr int kMaxDepth = 16;

using ComponentTable = std::map<std::string, const ast::Component*>;

bool is_alphanumeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// Renames a component's own names and replaces its parameters by the arguments.
class Rewriter {
 public:
  Rewriter(std::string prefix, std::set<std::string> declared, std::map<std::string, ast::Expr> arguments, Diagnostics& diagnostics)
      : prefix_(std::move(prefix)), declared_(std::move(declared)), arguments_(std::move(arguments)), diagnostics_(diagnostics) {}

  void expr(ast::Expr& e) {
    switch (e.kind) {
      case Kind::Reference:
        reference(e);
        return;
      case Kind::Text:
        text(e);
        return;
      case Kind::List:
        for (auto& item : e.items) expr(item);
        return;
      case Kind::Map:
        for (auto& entry : e.entries) expr(entry.value);
        return;
      case Kind::Call:
        call(e);
        return;
      default:
        return;
    }
  }

  std::string name(const std::string& n) const { return declared_.count(n) ? prefix_ + n : n; }

  // A policy target inside the component speaks of the instance's own resources.
  void target(ast::PolicyTarget& t) {
    using K = ast::PolicyTarget::Kind;
    if (t.kind == K::Name) {
      if (auto it = arguments_.find(t.text); it != arguments_.end() && it->second.kind == Kind::Reference) {
        t.text = it->second.name;
      } else {
        t.text = name(t.text);
      }
    } else if (t.kind == K::Pattern) {
      t.text = prefix_ + t.text;
    }
  }

 private:
  std::string prefix_;
  std::set<std::string> declared_;
  std::map<std::string, ast::Expr> arguments_;
  Diagnostics& diagnostics_;

  void reference(ast::Expr& e) {
    auto it = arguments_.find(e.name);
    if (it == arguments_.end()) {
      e.name = name(e.name);
      return;
    }
    const ast::Expr& argument = it->second;
    if (e.attribute.empty()) {
      e = argument;
      return;
    }
    if (argument.kind == Kind::Reference && argument.attribute.empty()) {
      std::string attribute = e.attribute;
      e = argument;
      e.attribute = attribute;
      return;
    }
    diagnostics_.error(e.span, "component parameter `" + e.name + "` is not a resource name here, so it has no attribute `" + e.attribute + "`");
    e.kind = Kind::Invalid;
  }

  void text(ast::Expr& e) {
    std::vector<ast::TextPart> parts;
    for (auto& part : e.parts) {
      if (part.kind != ast::TextPart::Kind::Reference) {
        parts.push_back(std::move(part));
        continue;
      }
      auto it = arguments_.find(part.text);
      if (it == arguments_.end()) {
        part.text = name(part.text);
        parts.push_back(std::move(part));
        continue;
      }
      const ast::Expr& a = it->second;
      if (a.kind == Kind::String || a.kind == Kind::Number) {
        parts.push_back({ast::TextPart::Kind::Literal, a.text, {}, part.span});
      } else if (a.kind == Kind::Bool) {
        parts.push_back({ast::TextPart::Kind::Literal, a.boolean ? "true" : "false", {}, part.span});
      } else if (a.kind == Kind::Text && part.attribute.empty()) {
        parts.insert(parts.end(), a.parts.begin(), a.parts.end());
      } else if (a.kind == Kind::Reference && (a.attribute.empty() || part.attribute.empty())) {
        parts.push_back({ast::TextPart::Kind::Reference, a.name, a.attribute.empty() ? part.attribute : a.attribute, part.span});
      } else if (a.kind != Kind::Invalid) {
        auto& d = diagnostics_.error(part.span, "component parameter `" + part.text + "` cannot be interpolated: its argument is not text or a name");
        d.notes.push_back({a.span, "the argument is given here"});
      }
    }
    std::vector<ast::TextPart> merged;
    for (auto& part : parts) {
      if (!merged.empty() && part.kind == ast::TextPart::Kind::Literal && merged.back().kind == ast::TextPart::Kind::Literal) {
        merged.back().text += part.text;
      } else {
        merged.push_back(std::move(part));
      }
    }
    e.parts = std::move(merged);
    normalise_text(e);
  }

  void call(ast::Expr& e) {
    bool named = e.name == "if" || e.name == "find_in_map" || e.name == "condition" || e.name == "get_att" || e.name == "ref";
    if (named && !e.items.empty() && e.items[0].kind == Kind::Reference) {
      ast::Expr& first = e.items[0];
      auto it = arguments_.find(first.name);
      if (it != arguments_.end() && it->second.kind == Kind::Reference) {
        first.name = it->second.name;
      } else {
        first.name = name(first.name);
      }
    }
    if (e.name == "sub" && !e.items.empty() && e.items[0].kind == Kind::String) rename_in_sub(e.items[0]);
    for (std::size_t i = named ? 1 : 0; i < e.items.size(); ++i) expr(e.items[i]);
  }

  // `${Name}` of the component's own declarations inside a sub() string.
  void rename_in_sub(ast::Expr& text) {
    std::string out;
    const std::string& s = text.text;
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t open = s.find("${", i);
      if (open == std::string::npos || open + 2 >= s.size() || s[open + 2] == '!') {
        std::size_t stop = open == std::string::npos ? s.size() : open + 3;
        out += s.substr(i, std::min(stop, s.size()) - i);
        i = std::min(stop, s.size());
        continue;
      }
      std::size_t close = s.find('}', open);
      if (close == std::string::npos) {
        out += s.substr(i);
        break;
      }
      std::string variable = s.substr(open + 2, close - open - 2);
      std::string head = variable.substr(0, variable.find('.'));
      if (arguments_.count(head)) {
        diagnostics_.error(text.span, "component parameter `" + head + "` cannot be used inside `sub`; write the text with `<<" + head + ">>` instead");
      }
      out += s.substr(i, open - i) + "${" + name(head) + variable.substr(head.size()) + "}";
      i = close + 1;
    }
    text.text = out;
  }
};

bool argument_fits(const ast::Expr& a, const std::string& type) {
  if (a.kind == Kind::Invalid || a.kind == Kind::Reference || a.kind == Kind::Call) return true;
  if (type == "Number") return a.kind == Kind::Number || a.kind == Kind::Text;
  if (type == "Bool") return a.kind == Kind::Bool;
  if (type == "List") return a.kind == Kind::List;
  if (type == "Map") return a.kind == Kind::Map;
  return a.kind == Kind::String || a.kind == Kind::Text || a.kind == Kind::Number || a.kind == Kind::Bool;  // text types
}

class Expander {
 public:
  Expander(const std::vector<ComponentTable>& tables, std::vector<FileId> files, Diagnostics& diagnostics)
      : tables_(tables), files_(std::move(files)), diagnostics_(diagnostics) {}

  // Expands the uses of `body` (a stack or a component body) declared in module `module`.
  void expand_uses(ast::Stack& body, std::size_t module, int depth) {
    std::vector<ast::Use> uses = std::move(body.uses);
    body.uses.clear();
    for (const auto& use : uses) {
      auto it = tables_[module].find(use.component);
      if (it == tables_[module].end()) {
        auto& d = diagnostics_.error(use.component_span, "unknown component `" + use.component + "`");
        std::vector<std::string> names;
        for (const auto& [name, _] : tables_[module]) names.push_back(name);
        add_did_you_mean(d, use.component, names);
        if (d.notes.empty()) d.notes.push_back({std::nullopt, "components come from this file or from the files it imports"});
        continue;
      }
      if (depth >= kMaxDepth) {
        diagnostics_.error(use.component_span, fmt::format("components are nested more than {} deep here: does `{}` use itself?", kMaxDepth, use.component));
        continue;
      }
      if (!is_alphanumeric(use.instance)) {
        diagnostics_.error(use.instance_span, "an instance name becomes part of logical ids: letters and digits only");
        continue;
      }
      std::optional<ast::Stack> fragment = instantiate(*it->second, use, depth);
      if (fragment) merge(body, std::move(*fragment), use);
    }
  }

 private:
  const std::vector<ComponentTable>& tables_;
  std::vector<FileId> files_;  // each module's file: a component's own uses resolve in its home module
  Diagnostics& diagnostics_;

  std::size_t module_of(const ast::Component& c) const {
    auto it = std::find(files_.begin(), files_.end(), c.span.file);
    return it == files_.end() ? 0 : static_cast<std::size_t>(it - files_.begin());
  }

  std::optional<std::map<std::string, ast::Expr>> arguments(const ast::Component& c, const ast::Use& use) {
    std::map<std::string, ast::Expr> out;
    bool ok = true;
    for (const auto& entry : use.arguments) {
      auto param = std::find_if(c.params.begin(), c.params.end(), [&](const ast::ComponentParam& p) { return p.name == entry.key; });
      if (param == c.params.end()) {
        auto& d = diagnostics_.error(entry.key_span, "component `" + c.name + "` has no parameter `" + entry.key + "`");
        std::vector<std::string> names;
        for (const auto& p : c.params) names.push_back(p.name);
        add_did_you_mean(d, entry.key, names);
        d.notes.push_back({c.name_span, "the component is declared here"});
        ok = false;
        continue;
      }
      if (param->type && !argument_fits(entry.value, param->type->text)) {
        auto& d = diagnostics_.error(entry.value.span, "argument `" + entry.key + "` of component `" + c.name + "` must be a `" + param->type->text + "`");
        d.notes.push_back({param->name_span, "the parameter is declared here"});
        ok = false;
      }
      out.emplace(entry.key, entry.value);
    }
    for (const auto& p : c.params) {
      if (out.count(p.name)) continue;
      if (p.default_value) {
        out.emplace(p.name, *p.default_value);
        continue;
      }
      auto& d = diagnostics_.error(use.instance_span, "instance `" + use.instance + "` of component `" + c.name + "` needs argument `" + p.name + "`");
      d.notes.push_back({p.name_span, "the parameter is declared here"});
      ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<ast::Stack> instantiate(const ast::Component& c, const ast::Use& use, int depth) {
    auto args = arguments(c, use);
    if (!args) return std::nullopt;
    ast::Stack body = c.body;
    expand_uses(body, module_of(c), depth + 1);
    std::set<std::string> declared;
    for (const auto& p : body.parameters) declared.insert(p.name);
    for (const auto& r : body.resources) declared.insert(r.name);
    for (const auto& o : body.outputs) declared.insert(o.name);
    for (const auto& m : body.mappings) declared.insert(m.name);
    for (const auto& k : body.conditions) declared.insert(k.name);
    Rewriter rewrite(use.instance, declared, std::move(*args), diagnostics_);
    ast::for_each_expr(body, [&](ast::Expr& e) { rewrite.expr(e); });
    ast::InstanceSite site{use.instance, c.name, use.span};
    auto rename = [&](auto& decls) {
      for (auto& d : decls) {
        d.name = rewrite.name(d.name);
        d.instantiated_at.push_back(site);
      }
    };
    rename(body.parameters);
    rename(body.resources);
    rename(body.outputs);
    rename(body.mappings);
    rename(body.conditions);
    for (auto& policy : body.policies) {
      for (auto& statement : policy.statements) {
        statement.instantiated_at.push_back(site);
        expand_type_targets(statement, body.resources);
        for (auto& t : statement.targets) rewrite.target(t);
      }
    }
    return body;
  }

  // `type X` inside a component means the instance's own resources of that type.
  static void expand_type_targets(ast::PolicyStatement& statement, const std::vector<ast::Resource>& resources) {
    std::vector<ast::PolicyTarget> targets;
    for (const auto& t : statement.targets) {
      if (t.kind != ast::PolicyTarget::Kind::Type) {
        targets.push_back(t);
        continue;
      }
      for (const auto& r : resources) {
        if (glob_match(t.text, r.type.text) != t.negated) targets.push_back({ast::PolicyTarget::Kind::Name, false, r.name, t.span});
      }
    }
    statement.targets = std::move(targets);
  }

  static void merge(ast::Stack& into, ast::Stack&& fragment, const ast::Use& use) {
    auto append = [](auto& to, auto& from) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
    append(into.parameters, fragment.parameters);
    append(into.resources, fragment.resources);
    append(into.outputs, fragment.outputs);
    append(into.mappings, fragment.mappings);
    append(into.conditions, fragment.conditions);
    for (auto& policy : fragment.policies) {
      if (into.policies.empty()) into.policies.push_back({{}, use.span});
      append(into.policies.front().statements, policy.statements);
    }
  }
};

}  // namespace

void expand_components(std::vector<ast::Module>& modules, const SourceManager& sources, Diagnostics& diagnostics) {
  // Each module sees its own components and those of the files it imports.
  std::map<std::string, std::size_t> by_key;
  for (std::size_t i = 0; i < modules.size(); ++i) by_key.emplace(module_key(sources.file(modules[i].file).path()), i);
  std::vector<ComponentTable> tables(modules.size());
  for (std::size_t i = 0; i < modules.size(); ++i) {
    auto add = [&](const ast::Component& c) {
      auto [it, inserted] = tables[i].emplace(c.name, &c);
      if (!inserted && it->second != &c) {
        auto& d = diagnostics.error(c.name_span, "component `" + c.name + "` is declared twice");
        d.notes.push_back({it->second->name_span, "the other one is declared here"});
      }
    };
    for (const auto& c : modules[i].components) add(c);
    for (const auto& import : modules[i].imports) {
      auto it = by_key.find(import.resolved_path);
      if (it == by_key.end() || it->second == i) continue;
      for (const auto& c : modules[it->second].components) add(c);
    }
  }
  std::vector<FileId> files;
  for (const auto& m : modules) files.push_back(m.file);
  Expander expander(tables, std::move(files), diagnostics);
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (auto& stack : modules[i].stacks) expander.expand_uses(stack, i, 0);
  }
}

}  // namespace infrac
