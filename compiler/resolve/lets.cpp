#include "resolve/lets.hpp"

#include <functional>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "ast/for_each_expr.hpp"
#include "ast/lookup.hpp"
#include "ast/size.hpp"
#include "limits.hpp"
#include "parse/text.hpp"
#include "resolve/imports.hpp"
#include "resolve/rewrite.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

struct Binding {
  const ast::Let* let;
  ast::Expr value;  // with the lets it uses already substituted
  enum class State { Pending, Busy, Done } state = State::Pending;
  bool cyclic = false;  // reported: the let is defined in terms of itself
  std::size_t size = 0;  // ast::size_of(value), once Done
};

// What every scope of one substitution shares: how deep evaluation has gone (lets
// inside lets, and brackets), and what copies of let values have produced so far.
struct Evaluation {
  explicit Evaluation(const SourceManager& sources) : budget(sources) {}
  std::size_t depth = 0;
  bool too_deep = false;  // reported once
  ExpansionBudget budget;
};

// Counts one level of evaluation for as long as it lives.
class Descent {
 public:
  explicit Descent(Evaluation& e) : e_(e) { ++e_.depth; }
  ~Descent() { --e_.depth; }
  Descent(const Descent&) = delete;
  Descent& operator=(const Descent&) = delete;

 private:
  Evaluation& e_;
};

// How deep a value is nested; values hold at most limits::kValueDepth levels plus what the parser allows.
std::size_t depth_of(const ast::Expr& e) {
  std::size_t deepest = 0;
  for (const auto& item : e.items) deepest = std::max(deepest, depth_of(item));
  for (const auto& entry : e.entries) deepest = std::max(deepest, depth_of(entry.value));
  return deepest + 1;
}

class Scope {
 public:
  Scope(Diagnostics& diagnostics, Evaluation& evaluation, const Scope* outer)
      : diagnostics_(diagnostics), evaluation_(evaluation), outer_(outer) {}

  void declare(const ast::Let& let) {
    if (const Binding* earlier = find(let.name)) {
      auto& d = diagnostics_.error(let.name_span, "`" + let.name + "` is declared twice");
      d.notes.push_back({earlier->let->name_span, "first declared here"});
      return;
    }
    bindings_.emplace(let.name, Binding{&let, let.value});
  }

  // A name bound here by something else (a component parameter, a loop variable).
  void hide(const std::string& name) { hidden_.insert(name); }

  // The lets of an imported file, evaluated in that file's own scope.
  void import_from(const Scope& other) { imported_.push_back(&other); }

  // A let here, or in an earlier import, of the same name as an imported one would hide it.
  void report_hidden_imports() const {
    for (std::size_t k = 0; k < imported_.size(); ++k) {
      for (const auto& [name, binding] : imported_[k]->bindings_) {
        const Binding* earlier = nullptr;
        if (auto own = bindings_.find(name); own != bindings_.end()) earlier = &own->second;
        for (std::size_t j = 0; j < k && !earlier; ++j) {
          if (auto other = imported_[j]->bindings_.find(name); other != imported_[j]->bindings_.end()) earlier = &other->second;
        }
        if (!earlier) continue;
        auto& d = diagnostics_.error(earlier->let->name_span, "let `" + name + "` is also declared by an imported file");
        d.notes.push_back({binding.let->name_span, "the imported let is declared here"});
      }
    }
  }

  const Binding* find(const std::string& name) const {
    if (const Scope* owner = owner_of(name)) return &owner->bindings_.at(name);
    return nullptr;
  }

  // The value of a let, its own lets substituted first (in the scope that declares it).
  const ast::Expr* value(const std::string& name) const {
    const Scope* owner = owner_of(name);
    if (!owner) return nullptr;
    Binding& b = owner->bindings_.at(name);
    if (b.state == Binding::State::Busy) {
      // b.value is being substituted right now, up the call stack: leave it alone.
      if (!b.cyclic) diagnostics_.error(b.let->name_span, "let `" + name + "` is defined in terms of itself");
      b.cyclic = true;
      return &invalid_;
    }
    if (b.state == Binding::State::Pending) {
      b.state = Binding::State::Busy;
      owner->substitute(b.value);
      if (b.cyclic || evaluation_.too_deep || evaluation_.budget.exhausted) b.value = ast::Expr::made(Kind::Invalid, b.let->value.span);
      if (depth_of(b.value) > limits::kValueDepth) {
        diagnostics_.error(b.let->name_span, fmt::format("the value of let `{}` is nested more than {} deep (the value depth limit)",
                                                         name, limits::kValueDepth));
        b.value = ast::Expr::made(Kind::Invalid, b.let->value.span);
      }
      b.size = ast::size_of(b.value);
      b.state = Binding::State::Done;
    }
    return &b.value;
  }

  void substitute(ast::Expr& e) const {
    // Lets inside lets and brackets inside values recurse; past the limit, an error, not a crash.
    Descent level(evaluation_);
    if (evaluation_.depth > limits::kLetChain) {
      if (!evaluation_.too_deep) {
        diagnostics_.error(e.span, fmt::format("lets here are defined through more than {} levels of other lets and brackets "
                                               "(the let nesting limit)",
                                               limits::kLetChain));
      }
      evaluation_.too_deep = true;
      e.kind = Kind::Invalid;
      return;
    }
    switch (e.kind) {
      case Kind::Reference:
        if (find(e.name)) replace_reference(e);
        return;
      case Kind::Text:
        splice(e);
        return;
      case Kind::List:
      case Kind::Spread:
        for (auto& item : e.items) substitute(item);
        return;
      case Kind::Map:
        for (auto& entry : e.entries) substitute(entry.value);
        return;
      case Kind::Call: {
        // The first argument of these names a condition, mapping or resource, not a value.
        bool named = ast::first_argument_is_name(e);
        for (std::size_t i = named ? 1 : 0; i < e.items.size(); ++i) substitute(e.items[i]);
        return;
      }
      default:
        return;
    }
  }

 private:
  Diagnostics& diagnostics_;
  Evaluation& evaluation_;
  const Scope* outer_;
  std::vector<const Scope*> imported_;
  std::set<std::string> hidden_;
  ast::Expr invalid_;  // what a let defined in terms of itself yields while it is evaluated
  // Evaluated on first use and kept: the definitions never change, only their cache.
  mutable std::map<std::string, Binding> bindings_;

  const Scope* owner_of(const std::string& name) const {
    if (hidden_.count(name)) return nullptr;
    if (bindings_.count(name)) return this;
    for (const Scope* scope : imported_) {
      if (scope->bindings_.count(name)) return scope;
    }
    return outer_ ? outer_->owner_of(name) : nullptr;
  }

  void replace_reference(ast::Expr& e) const {
    if (!e.attribute.empty()) {
      diagnostics_.error(e.span, "`" + e.name + "` is a let, which has no attributes");
      e.kind = Kind::Invalid;
      return;
    }
    Span use = e.span;
    const ast::Expr* v = value(e.name);
    if (!evaluation_.budget.take_size(use, owner_of(e.name)->bindings_.at(e.name).size, diagnostics_)) {
      e.kind = Kind::Invalid;
      return;
    }
    e = *v;
    e.span = use;  // shapes are reported where the let is used
  }

  void splice(ast::Expr& e) const {
    std::vector<ast::TextPart> parts;
    for (auto& part : e.parts) {
      if (part.kind != ast::TextPart::Kind::Reference || !find(part.text)) {
        parts.push_back(std::move(part));
        continue;
      }
      const ast::Expr* v = value(part.text);
      if (!evaluation_.budget.take_size(part.span, owner_of(part.text)->bindings_.at(part.text).size, diagnostics_)) continue;
      if (!part.attribute.empty()) {
        diagnostics_.error(part.span, "`" + part.text + "` is a let, which has no attributes");
      } else if (v->kind == Kind::String || v->kind == Kind::Number) {
        parts.push_back({ast::TextPart::Kind::Literal, v->text, {}, part.span});
      } else if (v->kind == Kind::Bool) {
        parts.push_back({ast::TextPart::Kind::Literal, v->boolean ? "true" : "false", {}, part.span});
      } else if (v->kind == Kind::Text) {
        parts.insert(parts.end(), v->parts.begin(), v->parts.end());
      } else if (v->kind == Kind::Reference) {
        parts.push_back({ast::TextPart::Kind::Reference, v->name, v->attribute, part.span});
      } else if (v->kind != Kind::Invalid) {
        diagnostics_.error(part.span, "let `" + part.text + "` is not text; only text, numbers and booleans can be interpolated");
      }
    }
    e.parts = std::move(parts);
    // Adjacent literal pieces merge; text left without references becomes a plain string.
    normalise_text(e);
  }
};

// A let named like a declaration of the stack would shadow it silently.
void check_clashes(const ast::Stack& stack, const Scope& scope, Diagnostics& diagnostics) {
  auto clash = [&](const std::string& name, Span span, const char* what) {
    if (const Binding* b = scope.find(name)) {
      std::string owner = stack.name.empty() ? std::string("this component") : "stack `" + stack.name + "`";
      auto& d = diagnostics.error(b->let->name_span, "let `" + name + "` has the name of " + what + " `" + name + "` of " + owner);
      d.notes.push_back({span, std::string("the ") + what + " is declared here"});
    }
  };
  for (const auto& p : stack.parameters) clash(p.name, p.name_span, "parameter");
  for (const auto& r : stack.resources) clash(r.name, r.name_span, "resource");
  for (const auto& m : stack.mappings) clash(m.name, m.name_span, "mapping");
  for (const auto& c : stack.conditions) clash(c.name, c.name_span, "condition");
}

}  // namespace

void substitute_lets(std::vector<ast::Module>& modules, const SourceManager& sources, Diagnostics& diagnostics) {
  // Each file's scope holds its own lets and sees those of the files it imports.
  Evaluation evaluation(sources);
  std::vector<std::unique_ptr<Scope>> file_scopes;
  std::map<std::string, const Scope*> scope_by_key;
  for (const auto& module : modules) {
    file_scopes.push_back(std::make_unique<Scope>(diagnostics, evaluation, nullptr));
    for (const auto& let : module.lets) file_scopes.back()->declare(let);
    scope_by_key.emplace(module_key(sources.file(module.file).path()), file_scopes.back().get());
  }
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (const auto& import : modules[i].imports) {
      auto it = scope_by_key.find(import.resolved_path);
      if (it != scope_by_key.end() && it->second != file_scopes[i].get()) file_scopes[i]->import_from(*it->second);
    }
    file_scopes[i]->report_hidden_imports();
  }
  // A body's lets are visible in it and in the `for` loops inside it, whose own lets
  // come into scope for their bodies (they may use the loop variable).
  std::function<void(ast::Stack&, const Scope&)> body = [&](ast::Stack& stack, const Scope& outer) {
    Scope scope(diagnostics, evaluation, &outer);
    for (const auto& let : stack.lets) scope.declare(let);
    check_clashes(stack, scope, diagnostics);
    ast::for_each_expr(stack, [&](ast::Expr& e) { scope.substitute(e); }, ast::IntoLoops::No);
    for (auto& loop : stack.loops) {
      // In the loop's body its variable hides a let of the same name.
      Scope loop_scope(diagnostics, evaluation, &scope);
      loop_scope.hide(loop.variable);
      body(loop.body, loop_scope);
    }
    stack.lets.clear();
  };
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (auto& component : modules[i].components) {
      for (auto& p : component.params) {
        if (p.default_value) file_scopes[i]->substitute(*p.default_value);
      }
      // Inside the component its parameters hide lets of the same name.
      Scope parameters(diagnostics, evaluation, file_scopes[i].get());
      for (const auto& p : component.params) parameters.hide(p.name);
      body(component.body, parameters);
    }
    for (auto& stack : modules[i].stacks) body(stack, *file_scopes[i]);
  }
  // Evaluate every file-level let once, so that a broken one is reported even when unused.
  for (std::size_t i = 0; i < modules.size(); ++i) {
    for (const auto& let : modules[i].lets) file_scopes[i]->value(let.name);
  }
}

}  // namespace infrac
