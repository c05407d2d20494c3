#include "lsp/workspace/index.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "ast/for_each_expr.hpp"
#include "limits.hpp"

namespace infrac::lsp {

std::string_view to_string(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::Stack: return "stack";
    case SymbolKind::Parameter: return "parameter";
    case SymbolKind::Mapping: return "mapping";
    case SymbolKind::Condition: return "condition";
    case SymbolKind::Resource: return "resource";
    case SymbolKind::Output: return "output";
    case SymbolKind::Let: return "let";
    case SymbolKind::Component: return "component";
    case SymbolKind::ComponentParam: return "component parameter";
    case SymbolKind::Instance: return "instance";
    case SymbolKind::LoopVariable: return "loop variable";
    case SymbolKind::File: return "file";
  }
  return "name";
}

const Occurrence* Index::at(FileId file, std::uint32_t offset) const {
  const Occurrence* best = nullptr;
  for (const auto& o : occurrences) {
    if (o.span.file != file || offset < o.span.begin || offset > o.span.end) continue;
    if (!best || o.span.end - o.span.begin < best->span.end - best->span.begin) best = &o;
  }
  return best;
}

const VisibleNames* Index::visible_in(FileId file, std::string_view container) const {
  for (const auto& v : visible) {
    if (v.file == file && v.container == container) return &v;
  }
  return nullptr;
}

std::vector<const Occurrence*> Index::of(std::size_t symbol) const {
  std::vector<const Occurrence*> out;
  for (const auto& o : occurrences) {
    if (o.symbol == symbol) out.push_back(&o);
  }
  return out;
}

namespace {

}  // namespace

bool matches_template(std::string_view pattern, std::string_view name) {
  // The literal pieces between `<<...>>` holes, in order; each hole takes at least one character.
  std::vector<std::string_view> pieces;
  std::size_t at = 0;
  while (true) {
    std::size_t open = pattern.find("<<", at);
    if (open == std::string_view::npos) {
      pieces.push_back(pattern.substr(at));
      break;
    }
    pieces.push_back(pattern.substr(at, open - at));
    std::size_t close = pattern.find(">>", open);
    if (close == std::string_view::npos) return false;
    at = close + 2;
  }
  if (pieces.size() == 1) return pattern == name;
  if (name.substr(0, pieces.front().size()) != pieces.front()) return false;
  std::size_t pos = pieces.front().size();
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    bool last = i + 1 == pieces.size();
    std::size_t found = last ? (name.size() >= pieces[i].size() ? name.size() - pieces[i].size() : std::string_view::npos)
                             : name.find(pieces[i], pos + 1);
    if (found == std::string_view::npos || found < pos + 1 || name.substr(found, pieces[i].size()) != pieces[i]) return false;
    pos = found + pieces[i].size();
  }
  return true;
}

namespace {

// The names visible in one place: a body's declarations, then its parent's.
struct Scope {
  std::map<std::string, std::size_t> names;
  std::vector<std::pair<std::string, std::size_t>> templated;  // names a loop makes: `Subnet<<Zone>>`
  const Scope* parent = nullptr;
  const ast::Stack* body = nullptr;  // the stack or component body whose `use`s prefix names

  std::optional<std::size_t> here(const std::string& name) const {
    if (auto it = names.find(name); it != names.end()) return it->second;
    for (const auto& [pattern, id] : templated) {
      if (matches_template(pattern, name)) return id;
    }
    return std::nullopt;
  }
  std::optional<std::size_t> find(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent) {
      if (auto found = s->here(name)) return found;
    }
    return std::nullopt;
  }
};

class Indexer {
 public:
  Indexer(const std::vector<ast::Module>& modules, const SourceManager& sources) : modules_(modules), sources_(sources) {}

  Index run() {
    // First every declaration, so that a use may come before what it names.
    module_scopes_.resize(modules_.size());
    for (std::size_t m = 0; m < modules_.size(); ++m) declare_module(m);
    for (std::size_t m = 0; m < modules_.size(); ++m) link_imports(m);
    for (std::size_t m = 0; m < modules_.size(); ++m) use_module(m);
    return std::move(index_);
  }

 private:
  const std::vector<ast::Module>& modules_;
  const SourceManager& sources_;
  Index index_;
  std::vector<std::unique_ptr<Scope>> module_scopes_;     // per module: its lets and components
  std::vector<std::unique_ptr<Scope>> import_scopes_;     // what each module imports
  std::map<const ast::Stack*, std::unique_ptr<Scope>> body_scopes_;
  std::map<std::string, std::size_t> stacks_;             // project-wide
  std::map<std::string, std::size_t> components_;         // project-wide, for a component imported indirectly
  std::map<std::size_t, const ast::Stack*> component_bodies_;  // component symbol -> body
  std::map<std::string, std::size_t> files_;              // File symbols by path

  std::size_t declare(Symbol symbol) {
    std::size_t id = index_.symbols.size();
    Span at = symbol.name_span;
    index_.symbols.push_back(std::move(symbol));
    index_.occurrences.push_back({at, at, id, true});
    return id;
  }

  void use(Span span, Span edit, std::size_t symbol) { index_.occurrences.push_back({span, edit, symbol, false}); }

  std::size_t file_symbol(const std::string& path) {
    if (auto it = files_.find(path); it != files_.end()) return it->second;
    Symbol s = named(SymbolKind::File, path, {}, {});
    s.path = path;
    std::size_t id = index_.symbols.size();
    index_.symbols.push_back(std::move(s));
    files_[path] = id;
    return id;
  }

  static Symbol named(SymbolKind kind, const std::string& name, Span name_span, Span span, const std::string& container = {}) {
    Symbol s;
    s.kind = kind;
    s.name = name;
    s.name_span = name_span;
    s.span = span;
    s.container = container;
    return s;
  }

  static bool templated(const std::string& name) { return name.find('<') != std::string::npos; }

  // The declarations of a stack or component body (loops' bodies included) into `scope`.
  void declare_body(const ast::Stack& body, const std::string& container, Scope& scope) {
    auto add = [&](SymbolKind kind, const auto& d, auto member) {
      Symbol s = named(kind, d.name, d.name_span, d.span, container);
      s.*member = &d;
      std::size_t id = declare(std::move(s));
      if (templated(d.name)) {
        scope.templated.push_back({d.name, id});
      } else {
        scope.names.emplace(d.name, id);
      }
    };
    for (const auto& d : body.parameters) add(SymbolKind::Parameter, d, &Symbol::parameter);
    for (const auto& d : body.mappings) add(SymbolKind::Mapping, d, &Symbol::mapping);
    for (const auto& d : body.conditions) add(SymbolKind::Condition, d, &Symbol::condition);
    for (const auto& d : body.resources) add(SymbolKind::Resource, d, &Symbol::resource);
    for (const auto& d : body.outputs) add(SymbolKind::Output, d, &Symbol::output);
    for (const auto& d : body.lets) add(SymbolKind::Let, d, &Symbol::let);
    for (const auto& u : body.uses) {
      if (u.instance.empty()) continue;  // `use Component` without `as`: no name of its own
      Symbol s = named(SymbolKind::Instance, u.instance, u.instance_span, u.span, container);
      s.use = &u;
      scope.names.emplace(u.instance, declare(std::move(s)));
    }
    for (const auto& loop : body.loops) declare_body(loop.body, container, scope);
  }

  void declare_module(std::size_t m) {
    const ast::Module& module = modules_[m];
    auto scope = std::make_unique<Scope>();
    for (const auto& let : module.lets) {
      Symbol s = named(SymbolKind::Let, let.name, let.name_span, let.span);
      s.let = &let;
      scope->names.emplace(let.name, declare(std::move(s)));
    }
    for (const auto& component : module.components) {
      Symbol s = named(SymbolKind::Component, component.name, component.name_span, component.span);
      s.component = &component;
      std::size_t id = declare(std::move(s));
      scope->names.emplace(component.name, id);
      components_.emplace(component.name, id);
      component_bodies_[id] = &component.body;
      auto body = std::make_unique<Scope>();
      body->body = &component.body;
      for (const auto& param : component.params) {
        Symbol p = named(SymbolKind::ComponentParam, param.name, param.name_span, param.name_span, component.name);
        p.component_param = &param;
        p.component = &component;
        body->names.emplace(param.name, declare(std::move(p)));
      }
      declare_body(component.body, component.name, *body);
      body_scopes_[&component.body] = std::move(body);
    }
    for (const auto& stack : module.stacks) {
      Symbol s = named(SymbolKind::Stack, stack.name, stack.name_span, stack.span);
      s.stack = &stack;
      stacks_.emplace(stack.name, declare(std::move(s)));
      auto body = std::make_unique<Scope>();
      body->body = &stack;
      declare_body(stack, stack.name, *body);
      body_scopes_[&stack] = std::move(body);
    }
    module_scopes_[m] = std::move(scope);
  }

  // A module sees its own lets and components, then those of the files it imports.
  void link_imports(std::size_t m) {
    auto imported = std::make_unique<Scope>();
    for (const auto& import : modules_[m].imports) {
      for (std::size_t other = 0; other < modules_.size(); ++other) {
        if (sources_.file(modules_[other].file).path() != import.resolved_path && !same_file(other, import.resolved_path)) continue;
        for (const auto& [name, id] : module_scopes_[other]->names) imported->names.emplace(name, id);
        use(import.path_span, import.path_span, file_symbol(sources_.file(modules_[other].file).path()));
      }
    }
    module_scopes_[m]->parent = imported.get();
    import_scopes_.push_back(std::move(imported));
  }

  bool same_file(std::size_t module, const std::string& path) const {
    std::error_code ec;
    return !path.empty() && std::filesystem::equivalent(sources_.file(modules_[module].file).path(), path, ec);
  }

  // What completion offers inside `scope`: its names and its parents', the innermost first.
  void record_visible(FileId file, const std::string& container, const Scope& scope) {
    VisibleNames v{file, container, {}};
    std::set<std::string> seen;
    for (const Scope* s = &scope; s; s = s->parent) {
      for (const auto& [name, id] : s->names) {
        if (seen.insert(name).second) v.symbols.push_back(id);
      }
    }
    index_.visible.push_back(std::move(v));
  }

  void use_module(std::size_t m) {
    const ast::Module& module = modules_[m];
    const Scope& file_scope = *module_scopes_[m];
    record_visible(module.file, "", file_scope);
    for (const auto& let : module.lets) expr(let.value, file_scope);
    for (const auto& component : module.components) {
      Scope& body = *body_scopes_.at(&component.body);
      body.parent = &file_scope;
      record_visible(module.file, component.name, body);
      for (const auto& param : component.params) {
        if (param.default_value) expr(*param.default_value, body);
      }
      use_body(component.body, body);
    }
    for (const auto& stack : module.stacks) {
      Scope& body = *body_scopes_.at(&stack);
      body.parent = &file_scope;
      record_visible(module.file, stack.name, body);
      use_body(stack, body);
    }
  }

  void use_body(const ast::Stack& body, const Scope& scope) {
    ast::for_each_expr(body, [&](const ast::Expr& e) { expr(e, scope); }, ast::IntoLoops::No);
    for (const auto& policy : body.policies) {
      for (const auto& statement : policy.statements) {
        for (const auto& target : statement.targets) {
          if (target.kind == ast::PolicyTarget::Kind::Name) name(target.text, {}, target.span, scope);
        }
      }
    }
    for (const auto& u : body.uses) {
      std::optional<std::size_t> component = scope.find(u.component);
      if (!component) {
        if (auto it = components_.find(u.component); it != components_.end()) component = it->second;
      }
      if (!component || index_.symbols[*component].kind != SymbolKind::Component) continue;
      use(u.component_span, u.component_span, *component);
      const Scope& component_scope = *body_scopes_.at(component_bodies_.at(*component));
      for (const auto& argument : u.arguments) {
        auto it = component_scope.names.find(argument.key);
        if (it != component_scope.names.end() && index_.symbols[it->second].kind == SymbolKind::ComponentParam) {
          use(argument.key_span, argument.key_span, it->second);
        }
      }
    }
    for (const auto& loop : body.loops) {
      Scope inner;
      inner.parent = &scope;
      inner.body = scope.body;
      inner.names.emplace(loop.variable, declare(named(SymbolKind::LoopVariable, loop.variable, loop.variable_span, loop.span)));
      use_body(loop.body, inner);
    }
  }

  void expr(const ast::Expr& e, const Scope& scope) {
    switch (e.kind) {
      case ast::Expr::Kind::Reference:
        name(e.name, e.attribute, e.name_span, scope);
        break;
      case ast::Expr::Kind::Text:
      case ast::Expr::Kind::String:
        if (e.origin == ast::Expr::Origin::File && !e.file_path.empty()) use(e.span, e.span, file_symbol(e.file_path));
        for (const auto& part : e.parts) {
          if (part.kind != ast::TextPart::Kind::Reference) continue;
          name(part.text, part.attribute, name_in_part(part), scope);
        }
        break;
      default:
        break;
    }
    for (const auto& item : e.items) expr(item, scope);
    for (const auto& entry : e.entries) expr(entry.value, scope);
  }

  // `<<Name>>`, `<<!Name>>` or `<<Name.Attr>>`: the span of `Name` in the source.
  Span name_in_part(const ast::TextPart& part) const {
    const std::string& text = sources_.file(part.span.file).text();
    if (part.span.end <= text.size()) {
      std::string_view written(text.data() + part.span.begin, part.span.end - part.span.begin);
      std::size_t at = written.find(part.text);
      if (at != std::string_view::npos) {
        auto begin = part.span.begin + static_cast<std::uint32_t>(at);
        return {part.span.file, begin, begin + static_cast<std::uint32_t>(part.text.size())};
      }
    }
    return part.span;
  }

  // A name where a value is expected: a declaration in scope, another stack's output
  // (`network.VpcId`), or a name an instance made (`AppGroup` for the `Group` of `use ... as App`).
  void name(const std::string& written, const std::string& attribute, Span span, const Scope& scope) {
    if (auto found = scope.find(written)) {
      use(span, span, *found);
      return;
    }
    if (auto stack = stacks_.find(written); stack != stacks_.end() && !attribute.empty()) {
      use(span, span, stack->second);
      std::string output = attribute.substr(0, attribute.find('.'));
      const Scope& other = *body_scopes_.at(index_.symbols[stack->second].stack);
      Span at{span.file, span.end + 1, span.end + 1 + static_cast<std::uint32_t>(output.size())};
      if (auto found = other.here(output)) {
        use(at, at, *found);
      } else if (auto made = made_by_instance(output, other)) {
        use(at, {at.file, at.begin + static_cast<std::uint32_t>(made->second), at.end}, made->first);
      }
      return;
    }
    for (const Scope* s = &scope; s; s = s->parent) {
      if (auto made = made_by_instance(written, *s)) {
        use(span, {span.file, span.begin + static_cast<std::uint32_t>(made->second), span.end}, made->first);
        return;
      }
    }
  }

  // `AppGroup` in a body with `use C as App`, where C declares `Group`: that declaration,
  // and the length of the instance's prefix. A `use` without `as` adds no prefix, so depth,
  // not the name's length, bounds a component that uses itself.
  std::optional<std::pair<std::size_t, std::size_t>> made_by_instance(const std::string& written, const Scope& scope, std::size_t depth = 0) const {
    if (!scope.body || depth > limits::kComponentDepth) return std::nullopt;
    for (const auto& u : scope.body->uses) {
      if (written.size() <= u.instance.size() || written.compare(0, u.instance.size(), u.instance) != 0) continue;
      auto component = components_.find(u.component);
      if (component == components_.end()) continue;
      const Scope& inner = *body_scopes_.at(component_bodies_.at(component->second));
      std::string rest = written.substr(u.instance.size());
      auto found = inner.here(rest);
      if (found && index_.symbols[*found].kind != SymbolKind::ComponentParam) return std::make_pair(*found, u.instance.size());
      // A component that uses another: `AppQueueMain` through `use Queue as Queue` inside it.
      if (auto deeper = made_by_instance(rest, inner, depth + 1)) return std::make_pair(deeper->first, u.instance.size() + deeper->second);
    }
    return std::nullopt;
  }
};

}  // namespace

Index build_index(const std::vector<ast::Module>& modules, const SourceManager& sources) {
  return Indexer(modules, sources).run();
}

}  // namespace infrac::lsp
