#include "check/conditional_references.hpp"

#include <set>

#include "ast/lookup.hpp"
#include "check/references.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// The condition a declaration names with `condition Name`, if any.
const ast::Expr* condition_of(const std::vector<ast::Attribute>& attributes) {
  const ast::Attribute* a = ast::find_attribute(attributes, "condition");
  if (!a || a->value.kind != Kind::Reference || !a->value.attribute.empty()) return nullptr;
  return &a->value;
}

// `condition(Name)` as an argument of and/or/not.
const std::string* named_condition(const ast::Expr& e) {
  if (e.kind != Kind::Call || e.name != "condition" || e.items.size() != 1 || e.items[0].kind != Kind::Reference) return nullptr;
  return &e.items[0].name;
}

// What is known to hold from a set of conditions that hold: each one, the
// conditions an `and(...)` of them requires, and an `or(...)` one of whose
// conditions holds. Cycles are reported elsewhere; depth bounds the search.
class Implication {
 public:
  explicit Implication(const StackSymbols& symbols) : symbols_(symbols) {}

  bool implies(const std::vector<std::string>& holding, const std::string& target) const {
    std::set<std::string> known;
    for (const auto& name : holding) add(name, known, 0);
    std::set<std::string> asked;
    return follows(known, target, asked, 0);
  }

 private:
  static constexpr int kMaxDepth = 32;
  const StackSymbols& symbols_;

  const ast::Expr* expression(const std::string& name) const {
    auto it = symbols_.conditions.find(name);
    return it == symbols_.conditions.end() ? nullptr : &it->second->expression;
  }

  void add(const std::string& name, std::set<std::string>& known, int depth) const {
    if (depth > kMaxDepth || !known.insert(name).second) return;
    const ast::Expr* e = expression(name);
    if (!e) return;
    if (const std::string* same = named_condition(*e)) add(*same, known, depth + 1);
    if (e->kind == Kind::Call && e->name == "and") {
      for (const auto& item : e->items) {
        if (const std::string* part = named_condition(item)) add(*part, known, depth + 1);
      }
    }
  }

  // Each condition is asked once: one asked before either did not follow (a true answer
  // ends the search) or is being asked (a cycle). Without this, or()s that share
  // conditions would be followed once per path, exponentially many.
  bool follows(const std::set<std::string>& known, const std::string& target, std::set<std::string>& asked, int depth) const {
    if (known.count(target)) return true;
    const ast::Expr* e = expression(target);
    if (!e || depth > kMaxDepth || !asked.insert(target).second) return false;
    if (const std::string* same = named_condition(*e)) return follows(known, *same, asked, depth + 1);
    if (e->kind == Kind::Call && e->name == "or") {
      for (const auto& item : e->items) {
        if (const std::string* part = named_condition(item); part && follows(known, *part, asked, depth + 1)) return true;
      }
    }
    return false;
  }
};

enum class From { Resource, Output, DependsOn };

class Checker {
 public:
  Checker(const std::string& declaration, const ast::Expr* own_condition, From from, const StackSymbols& symbols,
          StackReferences& references, Diagnostics& diagnostics)
      : declaration_(declaration), own_condition_(own_condition), from_(from), symbols_(symbols), references_(references),
        implication_(symbols), diagnostics_(diagnostics) {}

  void expr(const ast::Expr& e) {
    for_each_guarded_reference(references_.of(e), [&](const std::string& name, Span span, const std::vector<ReferenceGuard>& guards) {
      reference(name, span, guards);
    });
  }

  void reference(const std::string& name, Span span, const std::vector<ReferenceGuard>& guards) {
    auto target = symbols_.resources.find(name);
    if (target == symbols_.resources.end()) return;
    const ast::Expr* condition = condition_of(target->second->attributes);
    if (!condition || !symbols_.conditions.count(condition->name)) return;
    std::vector<std::string> holding;
    if (own_condition_) holding.push_back(own_condition_->name);
    for (const auto& guard : guards) {
      if (guard.holds) holding.push_back(guard.condition);
    }
    if (implication_.implies(holding, condition->name)) return;
    const std::string& c = condition->name;
    auto& d = diagnostics_.error(span, "`" + name + "` exists only when condition `" + c + "` is true, and nothing here guards " +
                                           (from_ == From::DependsOn ? "the dependency on it" : "this reference to it"));
    d.notes.push_back({condition->span, "`" + name + "` is created under `condition " + c + "` here"});
    switch (from_) {
      case From::Resource:
        d.notes.push_back({std::nullopt, "choose the value with `if(" + c + ", ..., AWS::NoValue)`, or give `" + declaration_ +
                                             "` `condition " + c + "` too"});
        break;
      case From::Output:
        d.notes.push_back({std::nullopt, "give output `" + declaration_ + "` `condition " + c + "`, or choose its value with `if(" + c +
                                             ", ..., \"none\")`"});
        break;
      case From::DependsOn:
        d.notes.push_back({std::nullopt, "give `" + declaration_ + "` `condition " + c + "` too, or drop the dependency"});
        break;
    }
  }

 private:
  const std::string& declaration_;
  const ast::Expr* own_condition_;
  From from_;
  const StackSymbols& symbols_;
  StackReferences& references_;
  Implication implication_;
  Diagnostics& diagnostics_;
};

}  // namespace

void check_conditional_references(const ast::Resource& r, const StackSymbols& symbols, StackReferences& references,
                                  Diagnostics& diagnostics) {
  const ast::Expr* own = condition_of(r.attributes);
  Checker values(r.name, own, From::Resource, symbols, references, diagnostics);
  for (const auto& p : r.properties) values.expr(p.value);
  for (const auto& a : r.attributes) {
    if (a.keyword == "condition") continue;
    if (a.keyword == "depends_on") {
      Checker dependency(r.name, own, From::DependsOn, symbols, references, diagnostics);
      dependency.expr(a.value);
    } else {
      values.expr(a.value);
    }
  }
}

void check_conditional_references(const ast::Output& o, const StackSymbols& symbols, StackReferences& references,
                                  Diagnostics& diagnostics) {
  Checker values(o.name, condition_of(o.attributes), From::Output, symbols, references, diagnostics);
  values.expr(o.value);
  if (const ast::Attribute* e = ast::find_attribute(o.attributes, "export")) values.expr(e->value);
}

}  // namespace infrac
