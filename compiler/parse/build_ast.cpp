#include "parse/build_ast.hpp"

#include <fmt/format.h>

#include "parse/text.hpp"

namespace infrac::parse_detail {
namespace {

class Builder {
 public:
  Builder(FileId file, const char* base, Diagnostics& diagnostics) : file_(file), base_(base), diagnostics_(diagnostics) {}

  ast::Module module(const Node& root) {
    ast::Module module;
    module.file = file_;
    collect_comments(root, module.comments);
    for (const Node* item : children(root)) {
      if (item->is_type<g::stack_decl>()) module.stacks.push_back(stack(*item));
      if (item->is_type<g::let_decl>()) module.lets.push_back(let(*item));
      if (item->is_type<g::component_decl>()) module.components.push_back(component(*item));
      if (item->is_type<g::import_decl>()) {
        ast::Import import;
        import.span = span(*item);
        if (const Node* path = child<g::import_path>(*item)) {
          import.path = plain_text(*path);
          import.path_span = span(*path);
        }
        module.imports.push_back(std::move(import));
      }
    }
    return module;
  }

 private:
  FileId file_;
  const char* base_;
  Diagnostics& diagnostics_;

  Span span(const Node& n) const {
    return {file_, static_cast<std::uint32_t>(n.m_begin.data - base_), static_cast<std::uint32_t>(n.m_end.data - base_)};
  }
  std::uint32_t offset(const Node& n) const { return static_cast<std::uint32_t>(n.m_begin.data - base_); }

  static std::vector<const Node*> children(const Node& n) {
    std::vector<const Node*> out;
    for (const auto& c : n.children) {
      if (!c->is_type<g::comment>()) out.push_back(c.get());
    }
    return out;
  }

  template <typename Rule>
  static const Node* child(const Node& n) {
    for (const auto& c : n.children) {
      if (c->is_type<Rule>()) return c.get();
    }
    return nullptr;
  }

  void collect_comments(const Node& n, std::vector<ast::Comment>& out) const {
    for (const auto& c : n.children) {
      if (c->is_type<g::comment>()) {
        out.push_back({c->string(), span(*c)});
      } else {
        collect_comments(*c, out);
      }
    }
  }

  // A type's spelling without the blanks and comments between its tokens.
  static std::string without_spaces(std::string_view text) {
    std::string out;
    bool comment = false;
    for (char c : text) {
      if (c == '#') comment = true;
      if (c == '\n') comment = false;
      if (!comment && c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
    }
    return out;
  }

  ast::Stack stack(const Node& n) {
    ast::Stack s;
    s.span = span(n);
    if (const Node* name = child<g::stack_name>(n)) {
      s.name = name->string();
      s.name_span = span(*name);
    }
    fill_body(n, s);
    return s;
  }

  ast::Component component(const Node& n) {
    ast::Component c;
    c.span = span(n);
    name_of(n, c.name, c.name_span);
    c.body.span = c.span;
    for (const Node* item : children(n)) {
      if (!item->is_type<g::component_param>()) continue;
      ast::ComponentParam p;
      name_of(*item, p.name, p.name_span);
      p.optional = child<g::optional_marker>(*item) != nullptr;
      if (const Node* t = child<g::component_param_type>(*item)) p.type = ast::TypeName{without_spaces(t->string_view()), span(*t)};
      if (const Node* d = child<g::default_value>(*item)) p.default_value = value_of(*d);
      c.params.push_back(std::move(p));
    }
    fill_body(n, c.body);
    return c;
  }

  ast::Use use(const Node& n) {
    ast::Use u;
    u.span = span(n);
    if (const Node* c = child<g::component_ref>(n)) {
      u.component = c->string();
      u.component_span = span(*c);
    }
    if (const Node* i = child<g::instance_name>(n)) {
      u.instance = i->string();
      u.instance_span = span(*i);
    }
    if (const Node* arguments = child<g::map>(n)) u.arguments = expr(*arguments).entries;
    return u;
  }

  void fill_body(const Node& n, ast::Stack& s) {
    for (const Node* item : children(n)) {
      if (item->is_type<g::stack_attribute>()) {
        s.attributes.push_back(attribute(*item));
      } else if (item->is_type<g::param_decl>()) {
        s.parameters.push_back(parameter(*item));
      } else if (item->is_type<g::resource_decl>()) {
        s.resources.push_back(resource(*item));
      } else if (item->is_type<g::output_decl>()) {
        s.outputs.push_back(output(*item));
      } else if (item->is_type<g::mapping_decl>()) {
        s.mappings.push_back(mapping(*item));
      } else if (item->is_type<g::condition_decl>()) {
        s.conditions.push_back(condition(*item));
      } else if (item->is_type<g::policy_decl>()) {
        s.policies.push_back(policy(*item));
      } else if (item->is_type<g::rule_decl>()) {
        s.rules.push_back(rule(*item));
      } else if (item->is_type<g::let_decl>()) {
        s.lets.push_back(let(*item));
      } else if (item->is_type<g::use_decl>()) {
        s.uses.push_back(use(*item));
      } else if (item->is_type<g::for_decl>()) {
        ast::Loop loop;
        loop.span = span(*item);
        name_of(*item, loop.variable, loop.variable_span);
        loop.items = value_of(*item);
        loop.body.span = loop.span;
        fill_body(*item, loop.body);
        s.loops.push_back(std::move(loop));
      }
    }
  }

  void name_of(const Node& n, std::string& name, Span& name_span) {
    const Node* d = child<g::decl_name>(n);
    if (!d) d = child<g::templated_name>(n);
    if (d) {
      name = d->string();
      name_span = span(*d);
    }
  }

  // Every value rule is selected, so a value is the one child that is not a name or keyword.
  static bool is_value(const Node& n) {
    return n.is_type<g::text_block>() || n.is_type<g::string_literal>() || n.is_type<g::number>() ||
           n.is_type<g::boolean>() || n.is_type<g::list>() || n.is_type<g::map>() || n.is_type<g::call>() ||
           n.is_type<g::reference>();
  }
  static const Node* value_child(const Node& n) {
    for (const auto& c : n.children) {
      if (is_value(*c)) return c.get();
    }
    return nullptr;
  }
  ast::Expr value_of(const Node& n) {
    const Node* v = value_child(n);
    if (!v) return ast::Expr::made(ast::Expr::Kind::Invalid, span(n));
    return expr(*v);
  }

  ast::Attribute attribute(const Node& n) {
    ast::Attribute a;
    a.span = span(n);
    const Node* keyword = n.children.empty() ? nullptr : child<g::attribute_keyword>(n);
    if (!keyword) keyword = child<g::stack_attribute_keyword>(n);
    if (keyword) {
      a.keyword = keyword->string();
      a.keyword_span = span(*keyword);
    }
    a.value = value_of(n);
    return a;
  }

  std::vector<ast::Attribute> attributes_in(const Node* body) {
    std::vector<ast::Attribute> out;
    if (!body) return out;
    for (const Node* c : children(*body)) {
      if (c->is_type<g::attribute>()) out.push_back(attribute(*c));
      if (c->is_type<g::attribute_with_colon>()) {
        ast::Attribute a;
        a.span = span(*c);
        if (const Node* name = child<g::property_name>(*c)) {
          a.keyword = name->string();
          a.keyword_span = span(*name);
        }
        a.value = value_of(*c);
        a.colon = true;
        out.push_back(std::move(a));
      }
    }
    return out;
  }

  ast::Parameter parameter(const Node& n) {
    ast::Parameter p;
    p.span = span(n);
    name_of(n, p.name, p.name_span);
    if (const Node* t = child<g::type_name>(n)) p.type = {without_spaces(t->string_view()), span(*t)};
    if (const Node* d = child<g::default_value>(n)) p.default_value = value_of(*d);
    p.attributes = attributes_in(child<g::attribute_body>(n));
    return p;
  }

  ast::Resource resource(const Node& n) {
    ast::Resource r;
    r.span = span(n);
    name_of(n, r.name, r.name_span);
    if (const Node* t = child<g::resource_type>(n)) r.type = {t->string(), span(*t)};
    if (const Node* body = child<g::resource_body>(n)) {
      for (const Node* c : children(*body)) {
        if (c->is_type<g::attribute>()) {
          r.attributes.push_back(attribute(*c));
        } else if (c->is_type<g::property>()) {
          ast::Property p;
          if (const Node* name = child<g::property_name>(*c)) {
            p.name = name->string();
            p.name_span = span(*name);
          }
          p.value = value_of(*c);
          r.properties.push_back(std::move(p));
        }
      }
    }
    return r;
  }

  ast::Output output(const Node& n) {
    ast::Output o;
    o.span = span(n);
    name_of(n, o.name, o.name_span);
    o.value = value_of(n);
    o.attributes = attributes_in(child<g::attribute_body>(n));
    return o;
  }

  ast::Mapping mapping(const Node& n) {
    ast::Mapping m;
    m.span = span(n);
    name_of(n, m.name, m.name_span);
    m.body = value_of(n);
    return m;
  }

  ast::Let let(const Node& n) {
    ast::Let l;
    l.span = span(n);
    name_of(n, l.name, l.name_span);
    l.value = value_of(n);
    return l;
  }

  ast::Condition condition(const Node& n) {
    ast::Condition c;
    c.span = span(n);
    name_of(n, c.name, c.name_span);
    c.expression = value_of(n);
    return c;
  }

  ast::Rule rule(const Node& n) {
    ast::Rule r;
    r.span = span(n);
    name_of(n, r.name, r.name_span);
    for (const Node* c : children(n)) {
      if (c->is_type<g::rule_condition>()) r.condition = value_of(*c);
      if (!c->is_type<g::rule_assertion>()) continue;
      ast::RuleAssertion a;
      a.span = span(*c);
      a.assertion = value_of(*c);
      if (const Node* d = child<g::assert_description>(*c)) a.description = value_of(*d);
      r.assertions.push_back(std::move(a));
    }
    return r;
  }

  ast::Policy policy(const Node& n) {
    ast::Policy p;
    p.span = span(n);
    for (const Node* statement_node : children(n)) {
      if (!statement_node->is_type<g::policy_statement>()) continue;
      ast::PolicyStatement statement;
      statement.span = span(*statement_node);
      for (const Node* c : children(*statement_node)) {
        if (c->is_type<g::deny_kw>()) statement.effect = ast::PolicyEffect::Deny;
        using A = ast::PolicyAction::Kind;
        if (c->is_type<g::action_modify>()) statement.actions.push_back({A::Modify, span(*c)});
        if (c->is_type<g::action_replace>()) statement.actions.push_back({A::Replace, span(*c)});
        if (c->is_type<g::action_delete>()) statement.actions.push_back({A::Delete, span(*c)});
        if (c->is_type<g::action_all>()) statement.actions.push_back({A::All, span(*c)});
        if (c->is_type<g::policy_target>()) statement.targets.push_back(target(*c));
      }
      p.statements.push_back(std::move(statement));
    }
    return p;
  }

  ast::PolicyTarget target(const Node& n) {
    ast::PolicyTarget t;
    t.span = span(n);
    t.negated = child<g::not_kw>(n) != nullptr;
    if (const Node* type = child<g::target_type_name>(n)) {
      t.kind = ast::PolicyTarget::Kind::Type;
      t.text = plain_text(*type);
    } else if (const Node* pattern = child<g::target_pattern>(n)) {
      t.text = plain_text(*pattern);
      t.kind = t.text.find('*') == std::string::npos ? ast::PolicyTarget::Kind::Name : ast::PolicyTarget::Kind::Pattern;
    } else if (const Node* name = child<g::target_name>(n)) {
      t.kind = ast::PolicyTarget::Kind::Name;
      t.text = name->string();
    }
    return t;
  }

  // The text of a node that is either a string literal or a bare name: map keys,
  // policy targets. CloudFormation evaluates nothing there, so nothing interpolates.
  std::string plain_text(const Node& n) {
    std::string_view text = n.string_view();
    if (text.empty() || text.front() != '"') return std::string(text);
    ast::Expr e = string_literal_expr(text, file_, offset(n), diagnostics_);
    for (const auto& part : e.parts) {
      if (part.kind != ast::TextPart::Kind::Reference) continue;
      auto& d = diagnostics_.error(part.span, "`<<" + part.text + (part.attribute.empty() ? "" : "." + part.attribute) +
                                                  ">>` cannot be interpolated here: CloudFormation evaluates nothing in this position");
      d.notes.push_back({std::nullopt, "write `<<!" + part.text + ">>` for the literal text"});
    }
    return e.kind == ast::Expr::Kind::String ? e.text : std::string();
  }

  ast::Expr expr(const Node& n) {
    ast::Expr e;
    e.span = span(n);
    if (n.is_type<g::string_literal>()) return string_literal_expr(n.string_view(), file_, offset(n), diagnostics_);
    if (n.is_type<g::text_block>()) return text_block_expr(n.string_view(), file_, offset(n), diagnostics_);
    if (n.is_type<g::number>()) {
      e.kind = ast::Expr::Kind::Number;
      e.text = n.string();
    } else if (n.is_type<g::boolean>()) {
      e.kind = ast::Expr::Kind::Bool;
      e.boolean = n.string_view() == "true";
    } else if (n.is_type<g::spread>()) {
      e.kind = ast::Expr::Kind::Spread;
      e.items.push_back(value_of(n));
    } else if (n.is_type<g::list>()) {
      e.kind = ast::Expr::Kind::List;
      for (const Node* c : children(n)) e.items.push_back(expr(*c));
    } else if (n.is_type<g::map>()) {
      e.kind = ast::Expr::Kind::Map;
      for (const Node* entry : children(n)) {
        const Node* key = child<g::map_key>(*entry);
        const Node* value = value_child(*entry);
        if (!key || !value) continue;
        e.entries.push_back({plain_text(*key), span(*key), expr(*value)});
      }
    } else if (n.is_type<g::call>()) {
      e.kind = ast::Expr::Kind::Call;
      for (const Node* c : children(n)) {
        if (c->is_type<g::call_name>()) {
          e.name = c->string();
          e.name_span = span(*c);
        } else {
          e.items.push_back(expr(*c));
        }
      }
    } else if (n.is_type<g::reference>()) {
      e.kind = ast::Expr::Kind::Reference;
      std::string_view text = n.string_view();
      const Node* path = child<g::attribute_path>(n);
      std::size_t name_length = path ? static_cast<std::size_t>(path->m_begin.data - n.m_begin.data) - 1 : text.size();
      e.name = std::string(text.substr(0, name_length));
      e.name_span = {file_, offset(n), offset(n) + static_cast<std::uint32_t>(name_length)};
      if (path) e.attribute = path->string();
    }
    return e;
  }
};

}  // namespace

ast::Module build_module(const Node& root, FileId file, const char* base, Diagnostics& diagnostics) {
  return Builder(file, base, diagnostics).module(root);
}

}  // namespace infrac::parse_detail
