#include "resolve/components.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "ast/for_each_expr.hpp"
#include "ast/size.hpp"
#include "limits.hpp"
#include "check/parameter_types.hpp"
#include "check/policy.hpp"
#include "parse/text.hpp"
#include "resolve/imports.hpp"
#include "resolve/loops.hpp"
#include "resolve/rewrite.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// Components nest; a chain this deep is a component that uses itself.
constexpr int kMaxDepth = static_cast<int>(limits::kComponentDepth);

using ComponentTable = std::map<std::string, const ast::Component*>;

bool is_alphanumeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

bool argument_fits(const ast::Expr& a, const std::string& type) {
  if (a.kind == Kind::Invalid || a.kind == Kind::Reference || a.kind == Kind::Call) return true;
  if (is_list_parameter_type(type)) return a.kind == Kind::List || a.kind == Kind::String || a.kind == Kind::Text;
  if (type == "Number") return a.kind == Kind::Number || a.kind == Kind::Text;
  if (type == "Bool") return a.kind == Kind::Bool;
  if (type == "List") return a.kind == Kind::List;
  if (type == "Map") return a.kind == Kind::Map;
  return a.kind == Kind::String || a.kind == Kind::Text || a.kind == Kind::Number || a.kind == Kind::Bool;  // text types
}

// Component parameter types: the infra shapes, or any CloudFormation parameter type (text).
void check_parameter_types(const ast::Component& c, Diagnostics& diagnostics) {
  static const std::vector<std::string> shapes = {"String", "Number", "Bool", "List", "Map"};
  for (const auto& p : c.params) {
    if (!p.type) continue;
    const std::string& type = p.type->text;
    if (std::find(shapes.begin(), shapes.end(), type) == shapes.end() && !is_parameter_type(type)) {
      auto& d = diagnostics.error(p.type->span, "unknown parameter type `" + type + "`");
      std::vector<std::string> candidates = shapes;
      candidates.insert(candidates.end(), parameter_types().begin(), parameter_types().end());
      add_did_you_mean(d, type, candidates);
      continue;
    }
    if (p.default_value && !argument_fits(*p.default_value, type)) {
      diagnostics.error(p.default_value->span, "the default of parameter `" + p.name + "` is not a `" + type + "`");
    }
  }
}

class Expander {
 public:
  Expander(const std::vector<ComponentTable>& tables, std::vector<FileId> files, ExpansionBudget& budget, Diagnostics& diagnostics)
      : tables_(tables), files_(std::move(files)), budget_(budget), diagnostics_(diagnostics) {}

  // Expands the uses of `body` (a stack or a component body) declared in module `module`.
  void expand_uses(ast::Stack& body, std::size_t module, int depth) {
    std::vector<ast::Use> uses = std::move(body.uses);
    body.uses.clear();
    std::map<std::string, Span> instances;
    for (const auto& use : uses) {
      // Without `as`, the instance adds no prefix; what it declares twice is reported as a duplicate.
      const bool named = !use.instance.empty();
      if (auto [it, inserted] = instances.emplace(use.instance, use.instance_span); named && !inserted) {
        auto& d = diagnostics_.error(use.instance_span, "instance `" + use.instance + "` is declared twice");
        d.notes.push_back({it->second, "the first is declared here; its logical ids would collide"});
        continue;
      }
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
      if (named && !is_alphanumeric(use.instance)) {
        diagnostics_.error(use.instance_span, "an instance name becomes part of logical ids: letters and digits only");
        continue;
      }
      if (!budget_.take(use.span, diagnostics_, ast::size_of(it->second->body))) return;
      // What goes wrong while expanding the instance (a loop item's missing field,
      // a component it uses) says which instance it was.
      std::map<std::string, ast::Expr> args = arguments(*it->second, use);
      std::size_t mark = diagnostics_.all().size();
      std::optional<ast::Stack> fragment = instantiate(*it->second, use, std::move(args), depth);
      diagnostics_.add_note_since(mark, {use.span, describe_instance({use.instance, use.component, use.span})});
      if (fragment) merge_declarations(body, std::move(*fragment), use.span);
    }
  }

 private:
  const std::vector<ComponentTable>& tables_;
  std::vector<FileId> files_;  // each module's file: a component's own uses resolve in its home module
  ExpansionBudget& budget_;
  Diagnostics& diagnostics_;

  std::size_t module_of(const ast::Component& c) const {
    auto it = std::find(files_.begin(), files_.end(), c.span.file);
    return it == files_.end() ? 0 : static_cast<std::size_t>(it - files_.begin());
  }

  // The arguments by parameter; a reported problem leaves an invalid argument.
  std::map<std::string, ast::Expr> arguments(const ast::Component& c, const ast::Use& use) {
    std::map<std::string, ast::Expr> out;
    for (const auto& entry : use.arguments) {
      auto param = std::find_if(c.params.begin(), c.params.end(), [&](const ast::ComponentParam& p) { return p.name == entry.key; });
      if (param == c.params.end()) {
        auto& d = diagnostics_.error(entry.key_span, "component `" + c.name + "` has no parameter `" + entry.key + "`");
        std::vector<std::string> names;
        for (const auto& p : c.params) names.push_back(p.name);
        add_did_you_mean(d, entry.key, names);
        d.notes.push_back({c.name_span, "the component is declared here"});
        continue;
      }
      if (param->type && !argument_fits(entry.value, param->type->text)) {
        auto& d = diagnostics_.error(entry.value.span, "argument `" + entry.key + "` of component `" + c.name + "` must be a `" + param->type->text + "`");
        d.notes.push_back({param->name_span, "the parameter is declared here"});
        out.emplace(entry.key, ast::Expr::made(Kind::Invalid, entry.value.span));
        continue;
      }
      out.emplace(entry.key, entry.value);
    }
    for (const auto& p : c.params) {
      if (out.count(p.name)) continue;
      if (p.default_value) {
        out.emplace(p.name, *p.default_value);
        continue;
      }
      if (p.optional) {
        out.emplace(p.name, ast::Expr::made(Kind::Absent, use.instance_span, p.name));
        continue;
      }
      auto& d = diagnostics_.error(use.instance_span, "instance `" + use.instance + "` of component `" + c.name + "` needs argument `" + p.name + "`");
      d.notes.push_back({p.name_span, "the parameter is declared here"});
      // The instance is still made, with the argument invalid, so that nothing
      // else reports the stack as empty or the names as unknown.
      out.emplace(p.name, ast::Expr::made(Kind::Invalid, use.instance_span));
    }
    return out;
  }

  std::optional<ast::Stack> instantiate(const ast::Component& c, const ast::Use& use, std::map<std::string, ast::Expr> args,
                                        int depth) {
    ast::Stack body = c.body;
    // First the arguments replace the parameters, so that loops over them and the
    // components this one uses see the values; then the instance's names get its prefix.
    Rewriter bind = Rewriter::substituting(std::move(args), "component parameter", budget_, diagnostics_);
    ast::for_each_expr(body, [&](ast::Expr& e) { bind.expr(e); });
    for (auto& policy : body.policies) {
      for (auto& statement : policy.statements) {
        for (auto& t : statement.targets) bind.target(t);
      }
    }
    expand_loops(body, budget_, diagnostics_);
    expand_uses(body, module_of(c), depth + 1);
    std::set<std::string> declared;
    ast::for_each_declaration(body, [&](const auto& d) { declared.insert(d.name); });
    Rewriter rename = Rewriter::renaming(use.instance, declared, diagnostics_);
    ast::for_each_expr(body, [&](ast::Expr& e) { rename.expr(e); });
    ast::InstanceSite site{use.instance, c.name, use.span};
    ast::for_each_declaration(body, [&](auto& d) {
      d.name = rename.name(d.name);
      d.instantiated_at.push_back(site);
    });
    for (auto& policy : body.policies) {
      for (auto& statement : policy.statements) {
        statement.instantiated_at.push_back(site);
        expand_type_targets(statement, body.resources);
        for (auto& t : statement.targets) rename.target(t);
      }
    }
    return body;
  }

  // `type X` inside a component means the instance's own resources of that type.
  void expand_type_targets(ast::PolicyStatement& statement, const std::vector<ast::Resource>& resources) {
    std::vector<ast::PolicyTarget> targets;
    for (const auto& t : statement.targets) {
      if (t.kind != ast::PolicyTarget::Kind::Type) {
        targets.push_back(t);
        continue;
      }
      std::size_t before = targets.size();
      for (const auto& r : resources) {
        if (glob_match(t.text, r.type.text) != t.negated) targets.push_back({ast::PolicyTarget::Kind::Name, false, r.name, t.span});
      }
      if (targets.size() == before) {
        diagnostics_.error(t.span, "policy type `" + t.text + "` matches no resource of this component");
      }
    }
    statement.targets = std::move(targets);
  }

};

}  // namespace

std::string describe_instance(const ast::InstanceSite& site) {
  return (site.instance.empty() ? "in an instance of component `" : "in `" + site.instance + "`, an instance of component `") + site.component + "`";
}

void note_instances(Diagnostic& diagnostic, const std::vector<ast::InstanceSite>& sites, const std::string& lead) {
  for (const auto& site : sites) diagnostic.notes.push_back({site.use_span, lead + describe_instance(site)});
}

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
    for (const auto& c : modules[i].components) {
      add(c);
      check_parameter_types(c, diagnostics);
    }
    for (const auto& import : modules[i].imports) {
      auto it = by_key.find(import.resolved_path);
      if (it == by_key.end() || it->second == i) continue;
      for (const auto& c : modules[it->second].components) add(c);
    }
  }
  std::vector<FileId> files;
  for (const auto& m : modules) files.push_back(m.file);
  ExpansionBudget budget(sources);
  Expander expander(tables, std::move(files), budget, diagnostics);
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (auto& stack : modules[i].stacks) {
      expand_loops(stack, budget, diagnostics);
      expander.expand_uses(stack, i, 0);
    }
  }
}

}  // namespace infrac
