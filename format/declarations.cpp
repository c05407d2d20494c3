// Declarations: one per line (or block), in source order, a blank line around
// those that take several lines; bodies of stacks, components, loops,
// resources and policies always broken.
#include <algorithm>
#include <cctype>

#include "format/print.hpp"

namespace infrac::format {
namespace {

std::string type_spelling(const ast::TypeName& type) { return type.text; }

void print_name(Printer& p, const std::string& name, Span span) {
  p.sync(span.begin);
  p.emit(name);
}

// A parsed type token by token (`List`, `<`, ...), so that a comment between them stays there.
void print_type(Printer& p, const ast::TypeName& type) {
  const SourceFacts& facts = p.facts();
  if (!facts.real(type.span)) {
    p.emit(type_spelling(type));
    return;
  }
  for (std::uint32_t at = facts.skip_trivia(type.span.begin); at < type.span.end;) {
    std::uint32_t end = at;
    while (end < type.span.end && !std::isspace(static_cast<unsigned char>(facts.at(end))) && facts.at(end) != '#') ++end;
    p.sync(at);
    p.emit(facts.slice({type.span.file, at, end}));
    at = facts.skip_trivia(end);
  }
}

// A keyword or punctuation of a header (`:`, `=`, `as`, `in`) after the token ending at `after`:
// the comments between them stay before it.
void print_token(Printer& p, std::uint32_t after, std::string_view text) {
  if (p.facts().has_source() && after > 0) p.sync(p.facts().skip_trivia(after));
  p.emit(text);
}

// Where an optional `{ ... }` body starts after `after`, if the source has one inside `decl`.
std::optional<std::uint32_t> body_open(const SourceFacts& facts, std::uint32_t after, Span decl) {
  if (!facts.real(decl)) return std::nullopt;
  std::uint32_t open = facts.skip_trivia(after);
  if (open < decl.end && facts.at(open) == '{') return open;
  return std::nullopt;
}

void sort_by_source(std::vector<LineItem>& items) {
  std::stable_sort(items.begin(), items.end(), [](const LineItem& a, const LineItem& b) { return a.begin < b.begin; });
}

LineItem attribute_item(const ast::Attribute& a) {
  return {a.span.begin, a.span.end, [&a](Printer& p) {
            print_name(p, a.keyword, a.keyword_span);
            // `keyword: value` is a mistake check reports; the layout keeps it to be seen.
            p.emit(a.colon ? ": " : " ");
            print_expr(p, a.value);
          }};
}

bool contains_block(const ast::Expr& e) {
  if (e.origin == ast::Expr::Origin::Block) return true;
  return std::any_of(e.items.begin(), e.items.end(), contains_block) ||
         std::any_of(e.entries.begin(), e.entries.end(), [](const ast::MapEntry& m) { return contains_block(m.value); });
}

// `{ description "...", min_value 1 }` of a parameter or an output.
void print_attribute_body(Printer& p, const std::vector<ast::Attribute>& attributes, std::optional<std::uint32_t> open, Span decl) {
  const SourceFacts& facts = p.facts();
  bool comments = open && facts.comment_inside(*open, decl.end - 1);
  if (attributes.empty() && !comments) return;
  Container c("{", "}");
  c.padded = true;
  c.anchored = true;
  if (open) {
    c.open_at = *open;
    c.close_at = decl.end - 1;
    c.flat_possible = !facts.breaks_after(*open) && !comments;
    p.sync(*open);
  }
  for (const auto& a : attributes) {
    c.flat_possible = c.flat_possible && can_be_flat(facts, a.value) && !contains_block(a.value);
    c.items.push_back(attribute_item(a));
  }
  p.emit(" ");
  p.container(c);
}

// The `{ ... }` of a declaration. Stacks, components and loops always take several
// lines; a resource or a policy (of one statement) written on one line stays so if it fits.
void print_body(Printer& p, std::vector<LineItem> items, std::optional<std::uint32_t> open, Span decl, bool declarations,
                bool may_be_flat = false) {
  const SourceFacts& facts = p.facts();
  Container c("{", "}");
  c.always_broken = !may_be_flat;
  c.padded = true;
  c.anchored = true;
  c.declarations = declarations;
  c.flat_possible = may_be_flat && open && facts.real(decl) && !facts.breaks_after(*open);
  if (open && facts.real(decl)) {
    c.open_at = *open;
    c.close_at = decl.end - 1;
    p.sync(*open);
  }
  sort_by_source(items);
  c.items = std::move(items);
  p.emit(" ");
  p.container(c);
}

std::vector<LineItem> stack_items(const SourceFacts& facts, const ast::Stack& s);

LineItem parameter_item(const SourceFacts& facts, const ast::Parameter& prm) {
  std::uint32_t after = std::max(prm.type.span.end, prm.default_value ? prm.default_value->span.end : 0);
  auto open = body_open(facts, after, prm.span);
  return {prm.span.begin, open ? prm.span.end : after, [&prm, open](Printer& p) {
            p.emit("param ");
            print_name(p, prm.name, prm.name_span);
            print_token(p, prm.name_span.end, ": ");
            print_type(p, prm.type);
            if (prm.default_value) {
              print_token(p, prm.type.span.end, " = ");
              print_expr(p, *prm.default_value);
            }
            print_attribute_body(p, prm.attributes, open, prm.span);
          }};
}

LineItem output_item(const SourceFacts& facts, const ast::Output& o) {
  auto open = body_open(facts, o.value.span.end, o.span);
  return {o.span.begin, open ? o.span.end : o.value.span.end, [&o, open](Printer& p) {
            p.emit("output ");
            print_name(p, o.name, o.name_span);
            print_token(p, o.name_span.end, " = ");
            print_expr(p, o.value);
            print_attribute_body(p, o.attributes, open, o.span);
          }};
}

LineItem resource_item(const SourceFacts& facts, const ast::Resource& r) {
  auto open = body_open(facts, r.type.span.end, r.span);
  return {r.span.begin, r.span.end, [&r, open](Printer& p) {
            p.emit("resource ");
            print_name(p, r.name, r.name_span);
            print_token(p, r.name_span.end, ": ");
            print_type(p, r.type);
            std::vector<LineItem> items;
            for (const auto& a : r.attributes) items.push_back(attribute_item(a));
            for (const auto& prop : r.properties) {
              items.push_back({prop.name_span.begin, prop.value.span.end, [&prop](Printer& q) {
                                 print_name(q, prop.name, prop.name_span);
                                 q.emit(": ");
                                 print_expr(q, prop.value);
                               }});
            }
            bool flat = true;
            for (const auto& a : r.attributes) flat = flat && can_be_flat(p.facts(), a.value) && !contains_block(a.value);
            for (const auto& prop : r.properties) flat = flat && can_be_flat(p.facts(), prop.value) && !contains_block(prop.value);
            print_body(p, std::move(items), open, r.span, false, flat);
          }};
}

// `mapping Name { ... }`, `condition Name = value`, `let Name = value`.
LineItem named_value_item(const char* keyword, const std::string& name, Span name_span, const char* separator,
                          const ast::Expr& value, Span span) {
  return {span.begin, span.end, [keyword, &name, name_span, separator, &value](Printer& p) {
            p.emit(keyword);
            p.emit(" ");
            print_name(p, name, name_span);
            print_token(p, name_span.end, separator);
            print_expr(p, value);
          }};
}

LineItem mapping_item(const ast::Mapping& m) { return named_value_item("mapping", m.name, m.name_span, " ", m.body, m.span); }
LineItem condition_item(const ast::Condition& c) {
  return named_value_item("condition", c.name, c.name_span, " = ", c.expression, c.span);
}
LineItem let_item(const ast::Let& l) { return named_value_item("let", l.name, l.name_span, " = ", l.value, l.span); }

// `assert condition "description"`: the description on the next line when the line would be too long.
LineItem assertion_item(const ast::RuleAssertion& a) {
  std::uint32_t end = a.description ? a.description->span.end : a.assertion.span.end;
  return {a.span.begin, end, [&a](Printer& p) {
            p.emit("assert ");
            print_expr(p, a.assertion);
            if (!a.description) return;
            const ast::Expr& description = *a.description;
            p.sync(description.span.begin);
            bool block = description.origin == ast::Expr::Origin::Block;
            if (!block && !p.fits([&description](Printer& s) {
                  s.emit(" ");
                  print_expr(s, description);
                })) {
              p.line(p.continuation());
            } else {
              p.emit(" ");
            }
            print_expr(p, description);
          }};
}

// `rule Name { when condition  assert ... }`: always one line per part (they take no commas).
LineItem rule_item(const SourceFacts& facts, const ast::Rule& rule) {
  std::optional<std::uint32_t> open;
  if (facts.real(rule.span)) open = facts.skip_trivia(rule.name_span.end);
  return {rule.span.begin, rule.span.end, [&rule, open](Printer& p) {
            p.emit("rule ");
            print_name(p, rule.name, rule.name_span);
            std::vector<LineItem> items;
            if (rule.condition) {
              std::uint32_t when = open ? p.facts().skip_trivia(*open + 1) : 0;
              items.push_back({when, open ? rule.condition->span.end : 0, [&rule](Printer& q) {
                                 q.emit("when ");
                                 print_expr(q, *rule.condition);
                               }});
            }
            for (const auto& a : rule.assertions) items.push_back(assertion_item(a));
            print_body(p, std::move(items), open, rule.span, false);
          }};
}

// `not`, `type` and the name, pattern or type, each after the comments before it.
void print_target(Printer& p, const ast::PolicyTarget& t) {
  const SourceFacts& facts = p.facts();
  bool type = t.kind == ast::PolicyTarget::Kind::Type;
  p.sync(t.span.begin);
  if (!facts.real(t.span)) {
    if (t.negated) p.emit("not ");
    if (type) p.emit("type ");
    p.emit(t.kind == ast::PolicyTarget::Kind::Pattern ? quote(t.text) : key_spelling(t.text));
    return;
  }
  std::uint32_t at = t.span.begin;
  if (t.negated) {
    p.emit("not ");
    at = facts.skip_trivia(at + 3);
    p.sync(at);
  }
  if (type) {
    p.emit("type ");
    at = facts.skip_trivia(at + 4);
    p.sync(at);
  }
  p.emit(facts.slice({t.span.file, at, t.span.end}));
}

LineItem statement_item(const ast::PolicyStatement& s) {
  return {s.span.begin, s.span.end, [&s](Printer& p) {
            p.emit(s.effect == ast::PolicyEffect::Allow ? "allow" : "deny");
            for (std::size_t i = 0; i < s.actions.size(); ++i) {
              p.emit(i > 0 ? ", " : " ");
              p.sync(s.actions[i].span.begin);
              switch (s.actions[i].kind) {
                case ast::PolicyAction::Kind::Modify: p.emit("modify"); break;
                case ast::PolicyAction::Kind::Replace: p.emit("replace"); break;
                case ast::PolicyAction::Kind::Delete: p.emit("delete"); break;
                case ast::PolicyAction::Kind::All: p.emit("*"); break;
              }
            }
            for (std::size_t i = 0; i < s.targets.size(); ++i) {
              p.emit(i > 0 ? ", " : " ");
              print_target(p, s.targets[i]);
            }
          }};
}

LineItem policy_item(const SourceFacts& facts, const ast::Policy& policy) {
  std::optional<std::uint32_t> open;
  if (facts.real(policy.span)) open = facts.skip_trivia(policy.span.begin + 6);
  return {policy.span.begin, policy.span.end, [&policy, open](Printer& p) {
            p.emit("policy");
            std::vector<LineItem> items;
            for (const auto& s : policy.statements) items.push_back(statement_item(s));
            print_body(p, std::move(items), open, policy.span, false, policy.statements.size() == 1);
          }};
}

LineItem use_item(const SourceFacts& facts, const ast::Use& u) {
  // Without `as Name`, the header ends at the component's name.
  const std::uint32_t header_end = u.instance.empty() ? u.component_span.end : u.instance_span.end;
  auto open = body_open(facts, header_end, u.span);
  return {u.span.begin, open ? u.span.end : header_end, [&u, open](Printer& p) {
            const SourceFacts& f = p.facts();
            p.emit("use ");
            print_name(p, u.component, u.component_span);
            if (!u.instance.empty()) {
              print_token(p, u.component_span.end, " as ");
              print_name(p, u.instance, u.instance_span);
            }
            bool comments = open && f.comment_inside(*open, u.span.end - 1);
            if (u.arguments.empty() && !comments) return;
            Container c("{", "}");
            c.padded = true;
            c.anchored = true;
            if (open) {
              c.open_at = *open;
              c.close_at = u.span.end - 1;
              c.flat_possible = !f.breaks_after(*open) && !comments;
              p.sync(*open);
            }
            for (const auto& a : u.arguments) {
              c.flat_possible = c.flat_possible && can_be_flat(f, a.value) && !contains_block(a.value);
              c.items.push_back(map_entry_item(a));
            }
            p.emit(" ");
            p.container(c);
          }};
}

LineItem loop_item(const SourceFacts& facts, const ast::Loop& loop) {
  std::optional<std::uint32_t> open;
  if (facts.real(loop.span) && facts.real(loop.items.span)) open = facts.skip_trivia(loop.items.span.end);
  return {loop.span.begin, loop.span.end, [&loop, open](Printer& p) {
            p.emit("for ");
            print_name(p, loop.variable, loop.variable_span);
            print_token(p, loop.variable_span.end, " in ");
            print_expr(p, loop.items);
            print_body(p, stack_items(p.facts(), loop.body), open, loop.span, true);
          }};
}

std::uint32_t component_param_end(const ast::ComponentParam& prm) {
  if (prm.default_value) return prm.default_value->span.end;
  if (prm.type) return prm.type->span.end;
  return prm.name_span.end;
}

LineItem component_item(const ast::Component& c) {
  return {c.span.begin, c.span.end, [&c](Printer& p) {
            const SourceFacts& f = p.facts();
            p.emit("component ");
            print_name(p, c.name, c.name_span);
            std::optional<std::uint32_t> open;  // of the body
            Container params("(", ")");
            params.commas = true;
            bool has_params = !c.params.empty();
            if (f.real(c.span)) {
              std::uint32_t paren = f.skip_trivia(c.name_span.end);
              std::uint32_t after = paren;
              if (f.at(paren) == '(') {
                std::uint32_t close = c.params.empty() ? f.skip_trivia(paren + 1) : f.skip_trivia(component_param_end(c.params.back()));
                if (f.at(close) == ',') close = f.skip_trivia(close + 1);
                params.open_at = paren;
                params.close_at = close;
                params.flat_possible = !f.breaks_after(paren) && !f.comment_inside(paren, close);
                has_params = has_params || f.comment_inside(paren, close);
                after = close + 1;
              }
              open = f.skip_trivia(after);
            }
            for (const auto& prm : c.params) {
              if (prm.default_value) params.flat_possible = params.flat_possible && can_be_flat(f, *prm.default_value);
              params.items.push_back({prm.name_span.begin, component_param_end(prm), [&prm](Printer& q) {
                                        print_name(q, prm.name, prm.name_span);
                                        if (prm.optional) q.emit("?");
                                        if (prm.type) {
                                          print_token(q, prm.name_span.end + (prm.optional ? 1 : 0), ": ");
                                          print_type(q, *prm.type);
                                        }
                                        if (prm.default_value) {
                                          print_token(q, prm.type ? prm.type->span.end : prm.name_span.end + (prm.optional ? 1 : 0), " = ");
                                          print_expr(q, *prm.default_value);
                                        }
                                      }});
            }
            if (has_params) {
              if (params.close_at > 0) p.sync(params.open_at);
              p.container(params);
            }
            print_body(p, stack_items(p.facts(), c.body), open, c.span, true);
          }};
}

LineItem stack_item(const SourceFacts& facts, const ast::Stack& s) {
  std::optional<std::uint32_t> open;
  if (facts.real(s.span)) open = facts.skip_trivia(s.name_span.end);
  return {s.span.begin, s.span.end, [&s, open](Printer& p) {
            p.emit("stack ");
            print_name(p, s.name, s.name_span);
            print_body(p, stack_items(p.facts(), s), open, s.span, true);
          }};
}

LineItem import_item(const ast::Import& i) {
  return {i.span.begin, i.span.end, [&i](Printer& p) {
            p.emit("import ");
            p.sync(i.path_span.begin);
            p.emit(p.facts().real(i.path_span) ? std::string(p.facts().slice(i.path_span)) : quote(i.path));
          }};
}

// A stack's (or a component's, or a loop's) declarations; without source, in the
// order CloudFormation's template has its sections.
std::vector<LineItem> stack_items(const SourceFacts& facts, const ast::Stack& s) {
  std::vector<LineItem> items;
  for (const auto& a : s.attributes) items.push_back(attribute_item(a));
  for (const auto& l : s.lets) items.push_back(let_item(l));
  for (const auto& prm : s.parameters) items.push_back(parameter_item(facts, prm));
  for (const auto& m : s.mappings) items.push_back(mapping_item(m));
  for (const auto& c : s.conditions) items.push_back(condition_item(c));
  for (const auto& r : s.rules) items.push_back(rule_item(facts, r));
  for (const auto& r : s.resources) items.push_back(resource_item(facts, r));
  for (const auto& u : s.uses) items.push_back(use_item(facts, u));
  for (const auto& l : s.loops) items.push_back(loop_item(facts, l));
  for (const auto& o : s.outputs) items.push_back(output_item(facts, o));
  for (const auto& policy : s.policies) items.push_back(policy_item(facts, policy));
  return items;
}

}  // namespace

void print_module(Printer& p, const ast::Module& module) {
  const SourceFacts& facts = p.facts();
  std::vector<LineItem> items;
  for (const auto& i : module.imports) items.push_back(import_item(i));
  for (const auto& l : module.lets) items.push_back(let_item(l));
  for (const auto& c : module.components) items.push_back(component_item(c));
  for (const auto& s : module.stacks) items.push_back(stack_item(facts, s));
  sort_by_source(items);
  p.file_items(items, true);
}

}  // namespace infrac::format
