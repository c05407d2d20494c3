#include "resolve/loops.hpp"

#include <algorithm>
#include <iterator>
#include <set>

#include "ast/for_each_expr.hpp"
#include "resolve/compile_time.hpp"
#include "ast/size.hpp"
#include "resolve/rewrite.hpp"

namespace infrac {

void merge_declarations(ast::Stack& into, ast::Stack&& fragment, Span span) {
  auto append = [](auto& to, auto& from) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
  append(into.parameters, fragment.parameters);
  append(into.resources, fragment.resources);
  append(into.outputs, fragment.outputs);
  append(into.mappings, fragment.mappings);
  append(into.conditions, fragment.conditions);
  append(into.rules, fragment.rules);
  append(into.uses, fragment.uses);
  append(into.loops, fragment.loops);
  for (auto& policy : fragment.policies) {
    if (into.policies.empty()) into.policies.push_back({{}, span});
    append(into.policies.front().statements, policy.statements);
  }
}

namespace {

// The loop variable in declaration names and policy targets, nested loops' included.
void bind_names(ast::Stack& stack, Rewriter& bind) {
  ast::for_each_declaration(stack, [&](auto& d) { d.name = bind.render(d.name, d.name_span); });
  for (auto& policy : stack.policies) {
    for (auto& statement : policy.statements) {
      for (auto& target : statement.targets) bind.target(target);
    }
  }
  for (auto& loop : stack.loops) bind_names(loop.body, bind);
}

}  // namespace

void expand_loops(ast::Stack& body, ExpansionBudget& budget, Diagnostics& diagnostics) {
  std::vector<ast::Loop> loops = std::move(body.loops);
  body.loops.clear();
  for (auto& loop : loops) {
    evaluate_compile_time(loop.items, diagnostics);
    if (loop.items.kind == ast::Expr::Kind::Invalid) continue;
    if (loop.items.kind != ast::Expr::Kind::List) {
      auto& d = diagnostics.error(loop.items.span, "`for` needs a list known when compiling");
      d.notes.push_back({std::nullopt, "write the list, or name a `let` or a component parameter that holds one"});
      continue;
    }
    // A field some items have may be left out by the others.
    std::set<std::string> fields;
    for (const auto& item : loop.items.items) {
      for (const auto& entry : item.entries) fields.insert(entry.key);
    }
    for (const auto& item : loop.items.items) {
      if (!budget.take(loop.span, diagnostics, ast::size_of(loop.body))) return;
      ast::Stack copy = loop.body;
      Rewriter bind = Rewriter::substituting({{loop.variable, item}}, "loop variable", budget, diagnostics);
      bind.allow_missing(fields);
      ast::for_each_expr(copy, [&](ast::Expr& e) { bind.expr(e); });
      bind_names(copy, bind);
      expand_loops(copy, budget, diagnostics);
      if (budget.exhausted) return;  // reported; half-expanded copies would only add noise
      merge_declarations(body, std::move(copy), loop.span);
    }
  }
}

}  // namespace infrac
