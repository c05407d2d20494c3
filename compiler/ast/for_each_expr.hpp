#pragma once
#include "ast/ast.hpp"

namespace infrac::ast {

// Calls fn on every top-level expression of a stack (not on nested ones), those
// of `use` arguments and `for` loops included (until the resolve phase expands them).
// Works for const and mutable stacks alike.
// Calls fn on every named declaration of a stack that becomes a logical id or a
// name of the template: parameters, resources, outputs, mappings, conditions.
template <typename StackT, typename Fn>
void for_each_declaration(StackT& stack, Fn&& fn) {
  for (auto& d : stack.parameters) fn(d);
  for (auto& d : stack.resources) fn(d);
  for (auto& d : stack.outputs) fn(d);
  for (auto& d : stack.mappings) fn(d);
  for (auto& d : stack.conditions) fn(d);
  for (auto& d : stack.rules) fn(d);
}

enum class IntoLoops { Yes, No };

template <typename StackT, typename Fn>
void for_each_expr(StackT& stack, Fn&& fn, IntoLoops into_loops = IntoLoops::Yes) {
  auto attributes = [&](auto& list) {
    for (auto& a : list) fn(a.value);
  };
  attributes(stack.attributes);
  for (auto& p : stack.parameters) {
    if (p.default_value) fn(*p.default_value);
    attributes(p.attributes);
  }
  for (auto& m : stack.mappings) fn(m.body);
  for (auto& c : stack.conditions) fn(c.expression);
  for (auto& r : stack.resources) {
    attributes(r.attributes);
    for (auto& p : r.properties) fn(p.value);
  }
  for (auto& o : stack.outputs) {
    fn(o.value);
    attributes(o.attributes);
  }
  for (auto& r : stack.rules) {
    if (r.condition) fn(*r.condition);
    for (auto& a : r.assertions) {
      fn(a.assertion);
      if (a.description) fn(*a.description);
    }
  }
  for (auto& use : stack.uses) {
    for (auto& argument : use.arguments) fn(argument.value);
  }
  for (auto& loop : stack.loops) {
    fn(loop.items);
    if (into_loops == IntoLoops::Yes) for_each_expr(loop.body, fn);
  }
}

}  // namespace infrac::ast
