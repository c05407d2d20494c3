// Values: leaves keep their source spelling; lists, maps and calls are flat
// when they fit and were not written broken; text blocks keep their body.
#include <fmt/format.h>

#include "format/print.hpp"
#include "parse/text.hpp"

namespace infrac::format {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool contains_text_block(const ast::Expr& e) {
  if (e.origin == ast::Expr::Origin::Block && (e.kind == ast::Expr::Kind::Text || e.kind == ast::Expr::Kind::String)) return true;
  for (const auto& i : e.items) {
    if (contains_text_block(i)) return true;
  }
  for (const auto& m : e.entries) {
    if (contains_text_block(m.value)) return true;
  }
  return false;
}

// Where the call's `(` is: after its name and blanks.
std::uint32_t call_paren(const SourceFacts& facts, const ast::Expr& e) { return facts.skip_trivia(e.name_span.end); }

std::string interpolation_spelling(const ast::TextPart& part) {
  return "<<" + part.text + (part.attribute.empty() ? "" : "." + part.attribute) + ">>";
}

// Literal text that must not interpolate when read back: `<<Name>>` is written `<<!Name>>`,
// and `<<!Name>>` (which cannot be spelled in a block) with its first `<` escaped.
std::string escape_literal(std::string_view text, bool in_string) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') {
      InterpolationAt m = interpolation_at(text, i);
      if (m.length > 0 && !m.literal) {
        out += "<<!";
        out.append(text.substr(i + 2, m.length - 2));
        i += m.length - 1;
        continue;
      }
      if (m.length > 0 && m.literal) {
        out += in_string ? "\\u003c" : "<";
        continue;
      }
    }
    if (!in_string) {
      out += c;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string quote_parts(const std::vector<ast::TextPart>& parts) {
  std::string out = "\"";
  for (const auto& part : parts) {
    out += part.kind == ast::TextPart::Kind::Reference ? interpolation_spelling(part) : escape_literal(part.text, true);
  }
  return out + "\"";
}

// ---- text blocks ---------------------------------------------------------------------

// The block as the source wrote it, its body moved to the indentation `body_indent`
// (lines keep every byte after the old indentation, and their line terminators).
void print_source_block(Printer& p, std::string_view block, int body_indent) {
  std::size_t body_begin = block.find('\n') + 1;
  std::size_t last_line = block.rfind('\n') + 1;
  std::string_view open = block.substr(0, body_begin);
  while (!open.empty() && (open.back() == '\n' || open.back() == '\r' || open.back() == ' ' || open.back() == '\t')) {
    open.remove_suffix(1);
  }
  std::string_view closing = block.substr(last_line);
  std::string_view old_indent = closing.substr(0, closing.find('`'));
  std::string_view fence = closing.substr(old_indent.size());
  std::string new_indent(static_cast<std::size_t>(body_indent), ' ');
  std::string body;
  for (std::size_t at = body_begin; at < last_line;) {
    std::size_t eol = block.find('\n', at);
    std::string_view line = block.substr(at, eol + 1 - at);
    if (old_indent == new_indent) {
      body += line;
    } else if (line.substr(0, old_indent.size()) == old_indent) {
      std::string_view rest = line.substr(old_indent.size());
      if (rest != "\n" && rest != "\r\n") body += new_indent;  // no indentation on an empty line
      body += rest;
    } else {
      // A line of blanks shorter than the indentation: only its terminator is text.
      std::size_t content = line.find_first_not_of(" \t");
      body += line.substr(content == std::string_view::npos ? line.size() : content);
    }
    at = eol + 1;
  }
  p.text_block(open, body, body_indent, fence);
}

// A text block for a value made by a program: possible when no line of the text could
// close the fence; nullopt otherwise. A text without a final line break closes with ```-.
std::optional<std::string> block_fence(const ast::Expr& e, std::string& body, bool& strip) {
  for (const auto& part : e.parts) {
    if (part.kind == ast::TextPart::Kind::Reference) {
      body += interpolation_spelling(part);
      continue;
    }
    for (std::size_t i = 0; i < part.text.size(); ++i) {
      if (part.text[i] == '<' && interpolation_at(part.text, i).literal) return std::nullopt;
    }
    body += escape_literal(part.text, false);
  }
  if (e.parts.empty()) {
    for (std::size_t i = 0; i < e.text.size(); ++i) {
      if (e.text[i] == '<' && interpolation_at(e.text, i).literal) return std::nullopt;
    }
    body = escape_literal(e.text, false);
  }
  if (body.empty()) return std::nullopt;
  strip = body.back() != '\n';
  if (strip) body += '\n';
  for (std::size_t n = 3; n <= 6; ++n) {
    std::string fence(n, '`');
    bool clashes = false;
    for (std::size_t at = 0; at < body.size() && !clashes;) {
      std::size_t eol = body.find('\n', at);
      std::string_view line = std::string_view(body).substr(at, eol - at);
      std::size_t start = line.find_first_not_of(" \t");
      if (start != std::string_view::npos && line.substr(start, n) == fence) {
        std::size_t next = start + n;
        if (next < line.size() && line[next] == '-') ++next;  // ```- closes too
        char after = next < line.size() ? line[next] : '\0';
        if (start + n < line.size() && line[start + n] == '`') after = '`';
        bool tag = is_name_char(after) || after == '-' || after == '+' || after == '.';
        clashes = after != '`' && !tag;
      }
      at = eol + 1;
    }
    if (!clashes) return fence;
  }
  return std::nullopt;
}

void print_text(Printer& p, const ast::Expr& e) {
  const SourceFacts& facts = p.facts();
  int body_indent = p.line_indent() + p.options().indent;
  if (e.origin == ast::Expr::Origin::Block) {
    if (facts.real(e.span)) {
      print_source_block(p, facts.slice(e.span), body_indent);
      return;
    }
    std::string body;
    bool strip = false;
    if (auto fence = block_fence(e, body, strip)) {
      std::string indented;
      std::string pad(static_cast<std::size_t>(body_indent), ' ');
      for (std::size_t at = 0; at < body.size();) {
        std::size_t eol = body.find('\n', at);
        std::string_view line = std::string_view(body).substr(at, eol - at);
        if (!line.empty() && line != "\r") indented += pad;
        indented += line;
        indented += '\n';
        at = eol + 1;
      }
      p.text_block(*fence + e.block_tag, indented, body_indent, strip ? *fence + "-" : *fence);
      return;
    }
  }
  if (facts.real(e.span)) {
    p.emit(facts.slice(e.span));
  } else if (e.kind == ast::Expr::Kind::String) {
    p.emit(quote(e.text));
  } else {
    p.emit(quote_parts(e.parts));
  }
}

void print_reference(Printer& p, const ast::Expr& e) {
  if (p.facts().real(e.span)) {
    p.emit(p.facts().slice(e.span));
  } else {
    p.emit(e.name + (e.attribute.empty() ? "" : "." + e.attribute));
  }
}

LineItem expr_item(const ast::Expr& e) {
  return {e.span.begin, e.span.end, [&e](Printer& p) { print_expr(p, e); }};
}

void print_list(Printer& p, const ast::Expr& e) {
  const SourceFacts& facts = p.facts();
  Container c("[", "]");
  c.flat_possible = can_be_flat(facts, e);
  if (facts.real(e.span)) {
    c.open_at = e.span.begin;
    c.close_at = e.span.end - 1;
  }
  for (const auto& item : e.items) c.items.push_back(expr_item(item));
  // One map or list alone in a list hugs its brackets: `[{` ... `}]`.
  if (e.items.size() == 1) {
    const ast::Expr& only = e.items[0];
    bool nested = (only.kind == ast::Expr::Kind::Map && !only.entries.empty()) || (only.kind == ast::Expr::Kind::List && !only.items.empty());
    c.hug_last = nested && !(facts.real(e.span) && (facts.comment_inside(e.span.begin, only.span.begin) ||
                                                     facts.comment_inside(only.span.end - 1, e.span.end)));
  }
  p.container(c);
}

void print_map(Printer& p, const ast::Expr& e) {
  const SourceFacts& facts = p.facts();
  Container c("{", "}");
  c.padded = true;
  c.flat_possible = can_be_flat(facts, e);
  if (facts.real(e.span)) {
    c.open_at = e.span.begin;
    c.close_at = e.span.end - 1;
  }
  for (const auto& entry : e.entries) c.items.push_back(map_entry_item(entry));
  p.container(c);
}

// A call whose last argument is a non-empty list or map, or a call that ends so, the other
// arguments short enough to stay flat: its broken form can hug that last argument.
bool ends_in_bracket(const SourceFacts& facts, const ast::Expr& call) {
  if (call.items.empty()) return false;
  const ast::Expr& last = call.items.back();
  for (std::size_t i = 0; i + 1 < call.items.size(); ++i) {
    if (!can_be_flat(facts, call.items[i])) return false;
  }
  switch (last.kind) {
    case ast::Expr::Kind::Map: return !last.entries.empty();
    case ast::Expr::Kind::List: return !last.items.empty();
    case ast::Expr::Kind::Call: return ends_in_bracket(facts, last);
    default: return false;
  }
}

void print_call(Printer& p, const ast::Expr& e) {
  const SourceFacts& facts = p.facts();
  p.sync(e.name_span.begin);
  p.emit(e.name);
  Container c("(", ")");
  c.commas = true;
  c.flat_possible = can_be_flat(facts, e);
  if (facts.real(e.span)) {
    c.open_at = call_paren(facts, e);
    c.close_at = e.span.end - 1;
  }
  for (const auto& item : e.items) c.items.push_back(expr_item(item));
  // `join(",", [` ... `])`: a list or map last breaks, the other arguments stay on the call's
  // line; so does a call that ends so, and calls nest without a level each: `base64(join("", [`.
  if (!e.items.empty()) {
    const ast::Expr& last = e.items.back();
    c.hug_last = ends_in_bracket(facts, e) &&
                 !(facts.real(e.span) && (facts.comment_inside(c.open_at, last.span.begin) ||
                                          facts.comment_inside(last.span.end - 1, e.span.end)));
  }
  p.container(c);
}

}  // namespace

std::string quote(std::string_view text) { return "\"" + escape_literal(text, true) + "\""; }

std::string key_spelling(std::string_view key) {
  // qualified_name: identifier (:: identifier)*
  bool ok = !key.empty();
  std::size_t i = 0;
  while (ok && i < key.size()) {
    if (!is_name_start(key[i])) {
      ok = false;
      break;
    }
    while (i < key.size() && is_name_char(key[i])) ++i;
    if (i == key.size()) break;
    if (key.substr(i, 2) != "::") ok = false;
    i += 2;
    if (i >= key.size()) ok = false;
  }
  if (ok && (key == "true" || key == "false")) ok = false;
  return ok ? std::string(key) : quote(key);
}

bool can_be_flat(const SourceFacts& facts, const ast::Expr& e) {
  using K = ast::Expr::Kind;
  if (e.kind == K::Spread) return e.items.empty() || can_be_flat(facts, e.items[0]);
  if (e.kind != K::List && e.kind != K::Map && e.kind != K::Call) return true;
  if (facts.real(e.span)) {
    if (facts.comment_inside(e.span)) return false;
    std::uint32_t open = e.kind == K::Call ? call_paren(facts, e) : e.span.begin;
    if (facts.breaks_after(open)) return false;
  }
  for (const auto& i : e.items) {
    if (!can_be_flat(facts, i) || (e.kind != K::Call && contains_text_block(i))) return false;
  }
  for (const auto& m : e.entries) {
    if (!can_be_flat(facts, m.value) || contains_text_block(m.value)) return false;
  }
  return true;
}

LineItem map_entry_item(const ast::MapEntry& entry) {
  return {entry.key_span.begin, entry.value.span.end, [&entry](Printer& p) {
            const SourceFacts& facts = p.facts();
            p.sync(entry.key_span.begin);
            p.emit(facts.real(entry.key_span) ? std::string(facts.slice(entry.key_span)) : key_spelling(entry.key));
            if (facts.real(entry.key_span)) p.sync(facts.skip_trivia(entry.key_span.end));  // `Key  # ...` before `:`
            p.emit(": ");
            print_expr(p, entry.value);
          }};
}

void print_expr(Printer& p, const ast::Expr& e) {
  using K = ast::Expr::Kind;
  p.sync(e.span.begin);
  switch (e.kind) {
    case K::String:
    case K::Text: print_text(p, e); break;
    case K::Number: p.emit(p.facts().real(e.span) ? std::string(p.facts().slice(e.span)) : e.text); break;
    case K::Bool: p.emit(e.boolean ? "true" : "false"); break;
    case K::List: print_list(p, e); break;
    case K::Map: print_map(p, e); break;
    case K::Reference: print_reference(p, e); break;
    case K::Call: print_call(p, e); break;
    case K::Spread:
      p.emit("...");
      if (!e.items.empty()) print_expr(p, e.items[0]);
      break;
    case K::Absent:   // made by resolve only, never printed from source
    case K::Invalid: break;
  }
}

}  // namespace infrac::format
