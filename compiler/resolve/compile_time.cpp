#include "resolve/compile_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "ast/for_each_expr.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// As many numbers as loops and components may stamp out copies.
constexpr long long kMaxRange = 20000;

std::optional<long long> whole_number(const ast::Expr& e) {
  if (e.kind != Kind::Number || e.text.find('.') != std::string::npos) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), value);
  if (error != std::errc() || end != e.text.data() + e.text.size()) return std::nullopt;
  return value;
}

void range(ast::Expr& call, Diagnostics& diagnostics) {
  if (call.items.empty() || call.items.size() > 2) {
    diagnostics.error(call.span, "`range` takes 1 or 2 arguments; write `range(count)` or `range(first, end)`");
    call.kind = Kind::Invalid;
    return;
  }
  std::vector<long long> bounds;
  for (const auto& item : call.items) {
    if (item.kind == Kind::Invalid || item.kind == Kind::Absent) {
      call.kind = Kind::Invalid;
      return;
    }
    std::optional<long long> n = whole_number(item);
    if (!n) {
      auto& d = diagnostics.error(item.span, "the arguments of `range` are whole numbers known when compiling");
      if (item.kind == Kind::Reference) {
        d.notes.push_back({std::nullopt, "`" + item.name + "` is known only when the stack is deployed; use a number, or a `let` that holds one"});
      }
      call.kind = Kind::Invalid;
      return;
    }
    bounds.push_back(*n);
  }
  long long first = bounds.size() == 2 ? bounds[0] : 0;
  long long end = bounds.back();
  if (end - first > kMaxRange) {
    diagnostics.error(call.span, fmt::format("`range` would make {} numbers; infrac makes at most {}", end - first, kMaxRange));
    call.kind = Kind::Invalid;
    return;
  }
  ast::Expr list = ast::Expr::made(Kind::List, call.span);
  for (long long i = first; i < end; ++i) list.items.push_back(ast::Expr::made(Kind::Number, call.span, std::to_string(i)));
  call = std::move(list);
}

void splice(ast::Expr& list, Diagnostics& diagnostics) {
  std::vector<ast::Expr> items;
  for (auto& item : list.items) {
    if (item.kind != Kind::Spread) {
      items.push_back(std::move(item));
      continue;
    }
    ast::Expr& spliced = item.items.front();
    if (spliced.kind == Kind::List) {
      std::move(spliced.items.begin(), spliced.items.end(), std::back_inserter(items));
    } else if (spliced.kind != Kind::Invalid && spliced.kind != Kind::Absent) {
      auto& d = diagnostics.error(spliced.span, "`...` splices a list known when compiling into this list");
      d.notes.push_back({std::nullopt, spliced.kind == Kind::Reference
                                           ? "`" + spliced.name + "` is a parameter or resource, known only when the stack is deployed; "
                                                                  "name a `let`, a component parameter or a loop variable that holds a list"
                                           : std::string("write a list, or name a `let` that holds one")});
    }
  }
  list.items = std::move(items);
}

// `logical_id(Name)`: the logical id of a declaration of the stack, as text. Inside a
// component, Name has the instance's prefix by now (a component's resources are
// renamed with their references), so an instance can name its own resources in text
// such as an IAM condition or a cfn-signal command line.
void logical_id(ast::Expr& call, const std::set<std::string>& declared, Diagnostics& diagnostics) {
  if (call.items.size() != 1 || call.items[0].kind != Kind::Reference || !call.items[0].attribute.empty()) {
    bool reported = call.items.size() == 1 && call.items[0].kind == Kind::Invalid;
    if (!reported) diagnostics.error(call.span, "`logical_id` takes the name of a declaration of this stack: `logical_id(Queue)`");
    call.kind = Kind::Invalid;
    return;
  }
  const ast::Expr& name = call.items[0];
  if (!declared.count(name.name)) {
    auto& d = diagnostics.error(name.span, "`logical_id` names `" + name.name + "`, which this stack does not declare");
    add_did_you_mean(d, name.name, {declared.begin(), declared.end()});
    call.kind = Kind::Invalid;
    return;
  }
  call = ast::Expr::made(Kind::String, call.span, name.name);
}

void evaluate_logical_ids(ast::Expr& e, const std::set<std::string>& declared, Diagnostics& diagnostics) {
  for (auto& item : e.items) evaluate_logical_ids(item, declared, diagnostics);
  for (auto& entry : e.entries) evaluate_logical_ids(entry.value, declared, diagnostics);
  if (e.kind == Kind::Call && e.name == "logical_id") logical_id(e, declared, diagnostics);
}

bool is_absent(const ast::Expr& e) { return e.kind == Kind::Absent; }

void report_absent(ast::Expr& e, Diagnostics& diagnostics) {
  auto& d = diagnostics.error(e.span, "`" + e.text + "` is left out, and nothing here can be left out with it");
  d.notes.push_back({std::nullopt, "a missing field leaves out the property, map entry or list item whose whole value it is"});
  e.kind = Kind::Invalid;
}

// Drops absent map entries and list items inside `e`; reports absent values elsewhere.
void drop_absent(ast::Expr& e, Diagnostics& diagnostics) {
  if (e.kind == Kind::Map) std::erase_if(e.entries, [](const ast::MapEntry& entry) { return is_absent(entry.value); });
  if (e.kind == Kind::List) std::erase_if(e.items, is_absent);
  for (auto& item : e.items) {
    if (is_absent(item)) report_absent(item, diagnostics);
    drop_absent(item, diagnostics);
  }
  for (auto& entry : e.entries) drop_absent(entry.value, diagnostics);
}

void finish(ast::Expr& e, Diagnostics& diagnostics) {
  evaluate_compile_time(e, diagnostics);
  if (is_absent(e)) report_absent(e, diagnostics);
  drop_absent(e, diagnostics);
}

}  // namespace

void evaluate_compile_time(ast::Expr& e, Diagnostics& diagnostics) {
  for (auto& item : e.items) evaluate_compile_time(item, diagnostics);
  for (auto& entry : e.entries) evaluate_compile_time(entry.value, diagnostics);
  if (e.kind == Kind::List) splice(e, diagnostics);
  if (e.kind == Kind::Call && e.name == "range") range(e, diagnostics);
}

void finish_values(ast::Stack& stack, Diagnostics& diagnostics) {
  for (auto& r : stack.resources) {
    std::erase_if(r.properties, [](const ast::Property& p) { return is_absent(p.value); });
    std::erase_if(r.attributes, [](const ast::Attribute& a) { return is_absent(a.value); });
  }
  std::set<std::string> declared;
  ast::for_each_declaration(stack, [&](const auto& d) { declared.insert(d.name); });
  ast::for_each_expr(stack, [&](ast::Expr& e) {
    finish(e, diagnostics);
    evaluate_logical_ids(e, declared, diagnostics);
  });
}

}  // namespace infrac
