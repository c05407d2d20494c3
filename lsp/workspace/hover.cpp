// Workspace::hover: what the name, resource type or property under the cursor is.
#include <fmt/format.h>

#include "ast/lookup.hpp"
#include "lsp/workspace/properties.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

bool inside(Span s, std::uint32_t offset) { return offset >= s.begin && offset <= s.end; }

std::string source_of(const SourceManager& sources, Span span, std::size_t limit = 300) {
  const std::string& text = sources.file(span.file).text();
  if (span.begin >= text.size() || span.end > text.size() || span.end < span.begin) return "";
  std::string s = text.substr(span.begin, span.end - span.begin);
  if (s.size() > limit) s = s.substr(0, limit) + " …";
  return s;
}

// A resource type from the specification: its properties, which are required, which replace.
std::string describe_type(const ResourceSpec* spec, const std::string& type) {
  std::string out = fmt::format("**{}**", type);
  const ResourceTypeSpec* t = spec ? spec->find_type(type) : nullptr;
  if (!t) return out + (spec ? "\n\nnot a resource type of the specification" : "");
  if (!t->required.empty()) {
    out += "\n\nRequired:";
    for (const auto& r : t->required) out += " `" + r + "`";
  }
  out += "\n\nProperties:";
  for (const auto& p : t->properties) {
    out += fmt::format("\n- `{}`: {}{}{}", p.name, describe_shape(p.shape), p.required ? ", required" : "",
                       p.update == UpdateBehavior::Immutable     ? ", replaces"
                       : p.update == UpdateBehavior::Conditional ? ", may replace"
                                                                 : "");
  }
  if (!t->attributes.empty()) {
    out += "\n\nAttributes:";
    for (const auto& a : t->attributes) out += " `" + a.name + "`";
  }
  return out;
}

std::string describe_attributes(const SourceManager& sources, const std::vector<ast::Attribute>& attributes, bool secret) {
  std::string out;
  for (const auto& a : attributes) {
    if (a.keyword == "description") continue;
    out += fmt::format("\n- `{}` {}", a.keyword, secret && a.keyword == "default" ? "(secret)" : source_of(sources, a.value.span, 120));
  }
  return out;
}

std::string description_of(const std::vector<ast::Attribute>& attributes) {
  const ast::Attribute* d = ast::find_attribute(attributes, "description");
  return d && (d->value.kind == ast::Expr::Kind::String) ? "\n\n" + d->value.text : "";
}

std::string describe_symbol(const Symbol& s, const Analysis& a, const ResourceSpec* spec) {
  const SourceManager& sources = a.sources;
  std::string where = s.container.empty() ? "" : fmt::format(" (in `{}`)", s.container);
  switch (s.kind) {
    case SymbolKind::Parameter: {
      const ast::Parameter& p = *s.parameter;
      bool secret = ast::find_attribute(p.attributes, "no_echo") != nullptr;
      std::string out = fmt::format("param **{}**: `{}`", p.name, p.type.text);
      if (p.default_value) out += secret ? " = (secret)" : " = `" + source_of(sources, p.default_value->span, 120) + "`";
      return out + where + description_of(p.attributes) + describe_attributes(sources, p.attributes, secret);
    }
    case SymbolKind::Resource: {
      const ast::Resource& r = *s.resource;
      std::string out = fmt::format("resource **{}**: `{}`{}", r.name, r.type.text, where);
      if (spec) {
        if (const ResourceTypeSpec* t = spec->find_type(r.type.text); t && !t->attributes.empty()) {
          out += "\n\nAttributes:";
          for (const auto& at : t->attributes) out += " `" + at.name + "`";
        }
      }
      return out;
    }
    case SymbolKind::Output:
      return fmt::format("output **{}**{} = `{}`", s.name, where, source_of(sources, s.output->value.span, 200)) +
             description_of(s.output->attributes);
    case SymbolKind::Mapping: return fmt::format("mapping **{}**{}", s.name, where);
    case SymbolKind::Condition:
      return fmt::format("condition **{}**{} = `{}`", s.name, where, source_of(sources, s.condition->expression.span, 200));
    case SymbolKind::Let: return fmt::format("let **{}**{} = `{}`", s.name, where, source_of(sources, s.let->value.span, 200));
    case SymbolKind::Component: {
      std::string params;
      for (const auto& p : s.component->params) {
        params += (params.empty() ? "" : ", ") + p.name;
        if (p.type) params += ": " + p.type->text;
        if (p.default_value) params += " = " + source_of(sources, p.default_value->span, 60);
      }
      return fmt::format("component **{}**({})", s.name, params);
    }
    case SymbolKind::ComponentParam: {
      const ast::ComponentParam& p = *s.component_param;
      std::string out = fmt::format("parameter **{}** of component `{}`", p.name, s.container);
      if (p.type) out += ": `" + p.type->text + "`";
      if (p.default_value) out += " = `" + source_of(sources, p.default_value->span, 120) + "`";
      return out;
    }
    case SymbolKind::Instance:
      return fmt::format("use `{}` as **{}**{}: the names the component declares, prefixed with `{}`", s.use->component, s.name, where,
                         s.name);
    case SymbolKind::Stack: {
      std::string out = fmt::format("stack **{}**", s.name) + description_of(s.stack->attributes);
      if (!s.stack->outputs.empty()) {
        out += "\n\nOutputs:";
        for (const auto& o : s.stack->outputs) out += " `" + o.name + "`";
      }
      return out;
    }
    case SymbolKind::LoopVariable: return fmt::format("loop variable **{}**", s.name);
    case SymbolKind::File: return fmt::format("file `{}`", s.path);
  }
  return s.name;
}

}  // namespace

std::optional<HoverInfo> Workspace::hover(const std::string& path, std::uint32_t offset) {
  std::shared_ptr<const Analysis> a = analysis(path);
  std::optional<FileId> file = a->file_of(path);
  if (!file) return std::nullopt;
  for (const auto& module : a->modules) {
    if (module.file != *file) continue;
    // A resource type.
    std::optional<HoverInfo> out;
    for_each_resource(module, [&](const ast::Resource& r) {
      if (!out && inside(r.type.span, offset)) out = HoverInfo{describe_type(spec(), r.type.text), r.type.span.begin, r.type.span.end};
    });
    if (out) return out;
    // A property, top-level or nested.
    if (auto p = property_at(module, offset, spec())) {
      std::string text = fmt::format("property **{}** of `{}`", p->path.back(), p->resource->type.text);
      if (p->spec) {
        text += fmt::format("\n\n{}{}", describe_shape(p->spec->shape), p->spec->required ? ", required" : "");
        if (auto update = spec()->update_behavior(p->resource->type.text, p->path)) text += "\n\nupdate: " + describe_update(*update);
        if (const auto& allowed = p->spec->shape.allowed; !allowed.empty()) {
          // Some lists are long (EC2 instance types): the first ones, and how many more.
          constexpr std::size_t kShown = 12;
          text += "\n\nallowed values:";
          for (std::size_t i = 0; i < allowed.size() && i < kShown; ++i) text += " `" + allowed[i] + "`";
          if (allowed.size() > kShown) text += fmt::format(" and {} more", allowed.size() - kShown);
        }
      } else if (spec()) {
        text += "\n\nnot a property of the specification";
      }
      return HoverInfo{text, p->name_span.begin, p->name_span.end};
    }
  }
  // A name (in a text block's `<<Name>>` too).
  if (const Occurrence* o = a->index.at(*file, offset)) {
    return HoverInfo{describe_symbol(a->index.symbols[o->symbol], *a, spec()), o->span.begin, o->span.end};
  }
  return std::nullopt;
}

}  // namespace infrac::lsp
