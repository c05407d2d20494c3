#include "check/references.hpp"

namespace infrac {

namespace {

void sub_variables(const ast::Expr& text, const ReferenceVisitor& visit) {
  for_each_sub_variable(text.text, [&](const std::string& variable) { visit(variable.substr(0, variable.find('.')), text.span); });
}

}  // namespace

void for_each_reference(const ast::Expr& e, const ReferenceVisitor& visit) {
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
      for (const auto& item : e.items) for_each_reference(item, visit);
      return;
    case Kind::Map:
      for (const auto& entry : e.entries) for_each_reference(entry.value, visit);
      return;
    case Kind::Call: {
      std::size_t first = 0;
      if (e.name == "if" || e.name == "find_in_map" || e.name == "condition") first = 1;
      if ((e.name == "get_att" || e.name == "ref") && !e.items.empty()) {
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
        if (variables) for_each_reference(*variables, visit);
        return;
      }
      for (std::size_t i = first; i < e.items.size(); ++i) for_each_reference(e.items[i], visit);
      return;
    }
    default:
      return;
  }
}

}  // namespace infrac
