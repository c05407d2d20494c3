#include "check/references.hpp"

namespace infrac {

namespace {

void sub_variables(const ast::Expr& text, const ReferenceVisitor& visit) {
  for_each_sub_variable(text.text, [&](const std::string& variable) { visit(variable.substr(0, variable.find('.')), text.span); });
}

void walk(const ast::Expr& e, std::vector<ReferenceGuard>& guards, const GuardedReferenceVisitor& visit_guarded) {
  auto visit = [&](const std::string& name, Span span) { visit_guarded(name, span, guards); };
  using Kind = ast::Expr::Kind;
  switch (e.kind) {
    case Kind::Reference:
      visit(e.name, e.name_span);
      return;
    case Kind::Text:
      for (const auto& part : e.parts) {
        if (part.kind == ast::TextPart::Kind::Reference) visit(part.text, part.span);
      }
      return;
    case Kind::List:
      for (const auto& item : e.items) walk(item, guards, visit_guarded);
      return;
    case Kind::Map:
      for (const auto& entry : e.entries) walk(entry.value, guards, visit_guarded);
      return;
    case Kind::Call: {
      std::size_t first = 0;
      if (e.name == "if" || e.name == "find_in_map" || e.name == "condition") first = 1;
      if ((e.name == "get_att" || e.name == "ref" || e.name == "value_of") && !e.items.empty()) {
        visit(e.items[0].name, e.items[0].span);
        first = 1;
      }
      if (e.name == "sub" && !e.items.empty()) {
        // Variables given in sub()'s map shadow the stack's names.
        const ast::Expr* variables = e.items.size() > 1 ? &e.items[1] : nullptr;
        sub_variables(e.items[0], [&](const std::string& name, Span span) {
          if (variables) {
            for (const auto& entry : variables->entries) {
              if (entry.key == name) return;
            }
          }
          visit(name, span);
        });
        if (variables) walk(*variables, guards, visit_guarded);
        return;
      }
      if (e.name == "if" && e.items.size() == 3 && e.items[0].kind == ast::Expr::Kind::Reference) {
        for (std::size_t i = 1; i < 3; ++i) {
          guards.push_back({e.items[0].name, i == 1});
          walk(e.items[i], guards, visit_guarded);
          guards.pop_back();
        }
        return;
      }
      for (std::size_t i = first; i < e.items.size(); ++i) walk(e.items[i], guards, visit_guarded);
      return;
    }
    default:
      return;
  }
}

}  // namespace

void for_each_guarded_reference(const ast::Expr& e, const GuardedReferenceVisitor& visit) {
  std::vector<ReferenceGuard> guards;
  walk(e, guards, visit);
}

void for_each_reference(const ast::Expr& e, const ReferenceVisitor& visit) {
  for_each_guarded_reference(e, [&](const std::string& name, Span span, const std::vector<ReferenceGuard>&) { visit(name, span); });
}

}  // namespace infrac
