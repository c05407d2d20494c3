#include "resolve/rewrite.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "ast/lookup.hpp"
#include "ast/size.hpp"
#include "parse/text.hpp"

namespace infrac {

using Kind = ast::Expr::Kind;

ExpansionBudget::ExpansionBudget(const SourceManager& sources) {
  std::size_t source_bytes = 0;
  for (FileId id = 0; id < sources.size(); ++id) source_bytes += sources.file(id).text().size();
  copies_limit = std::max(limits::kExpansionCopies, source_bytes / limits::kSourceBytesPerExpansionCopy);
  size_limit = std::max(limits::kExpansionSize, source_bytes * limits::kExpansionSizePerSourceByte);
  copies_left = copies_limit;
  size_left = size_limit;
}

bool ExpansionBudget::take(Span at, Diagnostics& diagnostics, std::size_t size) {
  if (exhausted) return false;
  if (copies_left == 0) {
    diagnostics.error(at, fmt::format("loops and components here stamp out more than {} copies (the expansion limit); infrac stops expanding",
                                      copies_limit));
    exhausted = true;
    return false;
  }
  if (!take_size(at, size, diagnostics)) return false;
  --copies_left;
  return true;
}

bool ExpansionBudget::take_size(Span at, std::size_t size, Diagnostics& diagnostics) {
  if (exhausted) return false;
  if (size > size_left) {
    diagnostics.error(at, fmt::format("expanding this makes more than {} nodes and text bytes (the expansion size limit); "
                                      "infrac stops expanding",
                                      size_limit));
    exhausted = true;
    return false;
  }
  size_left -= size;
  return true;
}

Rewriter::Rewriter(std::string prefix, std::set<std::string> declared, std::map<std::string, ast::Expr> values, std::string what,
                   ExpansionBudget* budget, Diagnostics& diagnostics)
    : prefix_(std::move(prefix)), declared_(std::move(declared)), values_(std::move(values)), what_(std::move(what)),
      budget_(budget), diagnostics_(diagnostics) {}

Rewriter Rewriter::substituting(std::map<std::string, ast::Expr> values, std::string what, ExpansionBudget& budget,
                                Diagnostics& diagnostics) {
  return Rewriter({}, {}, std::move(values), std::move(what), &budget, diagnostics);
}

Rewriter Rewriter::renaming(std::string prefix, std::set<std::string> declared, Diagnostics& diagnostics) {
  return Rewriter(std::move(prefix), std::move(declared), {}, {}, nullptr, diagnostics);
}

// Whether a copy of `value` fits the budget; a value that does not fit is reported once
// and the expression becomes invalid.
bool Rewriter::affordable(const ast::Expr& value, Span at) {
  return budget_ == nullptr || budget_->take_size(at, ast::size_of(value), diagnostics_);
}

std::string Rewriter::name(const std::string& n) const { return declared_.count(n) ? prefix_ + n : n; }

void Rewriter::expr(ast::Expr& e) {
  switch (e.kind) {
    case Kind::Reference:
      reference(e);
      return;
    case Kind::Text:
      text(e);
      return;
    case Kind::List:
    case Kind::Spread:
      for (auto& item : e.items) expr(item);
      return;
    case Kind::Map:
      for (auto& entry : e.entries) expr(entry.value);
      return;
    case Kind::Call:
      call(e);
      return;
    default:
      return;
  }
}

void Rewriter::target(ast::PolicyTarget& t) {
  using K = ast::PolicyTarget::Kind;
  if (t.kind == K::Name) t.text = render(t.text, t.span);
  if (t.kind == K::Name) {
    auto it = values_.find(t.text);
    if (it != values_.end() && it->second.kind == Kind::Reference) {
      t.text = it->second.name;
    } else {
      t.text = name(t.text);
    }
  } else if (t.kind == K::Pattern && !prefix_.empty()) {
    t.text = prefix_ + t.text;
  }
}

// The value bound to `name`, or the field of it that `field` (dotted) selects. What
// is left of `field` after the map fields (an attribute of a resource name) goes to
// `field_left`.
const ast::Expr* Rewriter::lookup(const std::string& name, const std::string& field, Span span, std::string* field_left) {
  auto it = values_.find(name);
  if (it == values_.end()) return nullptr;
  const ast::Expr* value = &it->second;
  std::string rest = field;
  while (!rest.empty() && value->kind == Kind::Map) {
    std::string key = rest.substr(0, rest.find('.'));
    rest = rest.size() > key.size() ? rest.substr(key.size() + 1) : "";
    const ast::Expr* next = nullptr;
    for (const auto& entry : value->entries) {
      if (entry.key == key) next = &entry.value;
    }
    if (!next && optional_fields_.count(key)) {
      absent_ = ast::Expr::made(Kind::Absent, span, name + "." + field);
      return &absent_;
    }
    if (!next) {
      auto& d = diagnostics_.error(span, "`" + name + "` has no field `" + key + "`");
      std::vector<std::string> keys;
      for (const auto& entry : value->entries) keys.push_back(entry.key);
      add_did_you_mean(d, key, keys);
      return &invalid_;  // reported: the expression becomes invalid, with no follow-on errors
    }
    value = next;
  }
  *field_left = rest;
  return value;
}

void Rewriter::reference(ast::Expr& e) {
  std::string rendered = render(e.name, e.name_span);
  if (rendered != e.name) {
    e.name = rendered;
    return;
  }
  std::string left;
  const ast::Expr* value = lookup(e.name, e.attribute, e.span, &left);
  if (!value) {
    e.name = name(e.name);
    return;
  }
  if (!affordable(*value, e.span)) {
    e.kind = Kind::Invalid;
    return;
  }
  if (left.empty()) {
    // The value keeps its own span: a problem with an argument or a loop item is
    // reported where the author wrote it, and the instance note points at the use.
    e = *value;
    return;
  }
  if (value->kind == Kind::Reference && value->attribute.empty()) {
    e = *value;
    e.attribute = left;
    return;
  }
  diagnostics_.error(e.span, what_ + " `" + e.name + "` is not a resource name here, so it has no attribute `" + left + "`");
  e.kind = Kind::Invalid;
}

void Rewriter::text(ast::Expr& e) {
  std::vector<ast::TextPart> parts;
  for (auto& part : e.parts) {
    if (part.kind != ast::TextPart::Kind::Reference) {
      parts.push_back(std::move(part));
      continue;
    }
    std::string left;
    const ast::Expr* a = lookup(part.text, part.attribute, part.span, &left);
    if (!a) {
      part.text = name(part.text);
      parts.push_back(std::move(part));
      continue;
    }
    if (!affordable(*a, part.span)) continue;
    if (a->kind == Kind::String || a->kind == Kind::Number) {
      parts.push_back({ast::TextPart::Kind::Literal, a->text, {}, part.span});
    } else if (a->kind == Kind::Bool) {
      parts.push_back({ast::TextPart::Kind::Literal, a->boolean ? "true" : "false", {}, part.span});
    } else if (a->kind == Kind::Text && left.empty()) {
      parts.insert(parts.end(), a->parts.begin(), a->parts.end());
    } else if (a->kind == Kind::Reference && (a->attribute.empty() || left.empty())) {
      parts.push_back({ast::TextPart::Kind::Reference, a->name, a->attribute.empty() ? left : a->attribute, part.span});
    } else if (a->kind == Kind::Absent) {
      auto& d = diagnostics_.error(part.span, "`" + a->text + "` is left out here, so it cannot be interpolated into text");
      d.notes.push_back({std::nullopt, "a missing field leaves out the property, map entry or list item whose whole value it is"});
    } else if (a->kind != Kind::Invalid) {
      auto& d = diagnostics_.error(part.span, what_ + " `" + part.text + "` cannot be interpolated: its value is not text or a name");
      d.notes.push_back({a->span, "the value is given here"});
    }
  }
  e.parts = std::move(parts);
  normalise_text(e);
}

void Rewriter::call(ast::Expr& e) {
  bool named = ast::first_argument_is_name(e);
  if (named && !e.items.empty() && e.items[0].kind == Kind::Reference) {
    ast::Expr& first = e.items[0];
    first.name = render(first.name, first.name_span);
    auto it = values_.find(first.name);
    if (it != values_.end() && it->second.kind == Kind::Reference) {
      first.name = it->second.name;
    } else {
      first.name = name(first.name);
    }
  }
  if (e.name == "sub" && !e.items.empty() && e.items[0].kind == Kind::String) rename_in_sub(e.items[0]);
  for (std::size_t i = named ? 1 : 0; i < e.items.size(); ++i) expr(e.items[i]);
}

// `${Name}` of the instance's own declarations inside a sub() string.
void Rewriter::rename_in_sub(ast::Expr& text) {
  std::string out;
  const std::string& s = text.text;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t open = s.find("${", i);
    if (open == std::string::npos || open + 2 >= s.size() || s[open + 2] == '!') {
      std::size_t stop = open == std::string::npos ? s.size() : std::min(open + 3, s.size());
      out += s.substr(i, stop - i);
      i = stop;
      continue;
    }
    std::size_t close = s.find('}', open);
    if (close == std::string::npos) {
      out += s.substr(i);
      break;
    }
    std::string variable = s.substr(open + 2, close - open - 2);
    std::string head = variable.substr(0, variable.find('.'));
    if (values_.count(head)) {
      diagnostics_.error(text.span, what_ + " `" + head + "` cannot be used inside `sub`; write the text with `<<" + head + ">>` instead");
    }
    out += s.substr(i, open - i) + "${" + name(head) + variable.substr(head.size()) + "}";
    i = close + 1;
  }
  text.text = out;
}

std::string Rewriter::render(const std::string& templated, Span span) {
  if (templated.find("<<") == std::string::npos || values_.empty()) return templated;
  std::string out;
  std::size_t i = 0;
  while (i < templated.size()) {
    std::size_t open = templated.find("<<", i);
    std::size_t close = open == std::string::npos ? std::string::npos : templated.find(">>", open);
    if (close == std::string::npos) {
      out += templated.substr(i);
      break;
    }
    out += templated.substr(i, open - i);
    std::string inner = templated.substr(open + 2, close - open - 2);
    std::string head = inner.substr(0, inner.find('.'));
    std::string field = inner.size() > head.size() ? inner.substr(head.size() + 1) : "";
    std::string left;
    const ast::Expr* value = lookup(head, field, span, &left);
    if (value && left.empty() && (value->kind == Kind::String || value->kind == Kind::Number)) {
      out += value->text;
    } else if (value) {
      diagnostics_.error(span, "`<<" + inner + ">>` in a name must be text or a number");
      out += templated.substr(open, close + 2 - open);
    } else {
      out += templated.substr(open, close + 2 - open);  // another loop's variable
    }
    i = close + 2;
  }
  return out;
}

}  // namespace infrac
