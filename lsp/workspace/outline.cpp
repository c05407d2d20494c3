// Workspace::outline: the document symbols of one file, stacks and components with their declarations.
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

void add_body(const ast::Stack& body, std::vector<OutlineSymbol>& out) {
  auto add = [&](SymbolKind kind, const std::string& name, Span name_span, Span span, std::string detail) {
    out.push_back({name, std::move(detail), kind, span.begin, std::max(span.end, name_span.end), name_span.begin, name_span.end, {}});
  };
  for (const auto& d : body.parameters) add(SymbolKind::Parameter, d.name, d.name_span, d.span, d.type.text);
  for (const auto& d : body.mappings) add(SymbolKind::Mapping, d.name, d.name_span, d.span, "mapping");
  for (const auto& d : body.conditions) add(SymbolKind::Condition, d.name, d.name_span, d.span, "condition");
  for (const auto& d : body.resources) add(SymbolKind::Resource, d.name, d.name_span, d.span, d.type.text);
  for (const auto& d : body.outputs) add(SymbolKind::Output, d.name, d.name_span, d.span, "output");
  for (const auto& d : body.lets) add(SymbolKind::Let, d.name, d.name_span, d.span, "let");
  for (const auto& u : body.uses) {
    if (!u.instance.empty()) add(SymbolKind::Instance, u.instance, u.instance_span, u.span, "use " + u.component);
  }
  for (const auto& loop : body.loops) {
    OutlineSymbol s{"for " + loop.variable, "loop", SymbolKind::LoopVariable, loop.span.begin, loop.span.end,
                    loop.variable_span.begin, loop.variable_span.end, {}};
    add_body(loop.body, s.children);
    out.push_back(std::move(s));
  }
}

}  // namespace

std::vector<OutlineSymbol> Workspace::outline(const std::string& path) {
  std::shared_ptr<const Analysis> a = analysis(path);
  std::optional<FileId> file = a->file_of(path);
  std::vector<OutlineSymbol> out;
  for (const auto& module : a->modules) {
    if (!file || module.file != *file) continue;
    for (const auto& let : module.lets) {
      out.push_back({let.name, "let", SymbolKind::Let, let.span.begin, let.span.end, let.name_span.begin, let.name_span.end, {}});
    }
    for (const auto& c : module.components) {
      OutlineSymbol s{c.name, "component", SymbolKind::Component, c.span.begin, c.span.end, c.name_span.begin, c.name_span.end, {}};
      add_body(c.body, s.children);
      out.push_back(std::move(s));
    }
    for (const auto& stack : module.stacks) {
      OutlineSymbol s{stack.name, "stack", SymbolKind::Stack, stack.span.begin, stack.span.end, stack.name_span.begin, stack.name_span.end, {}};
      add_body(stack, s.children);
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace infrac::lsp
