#include "parse/text.hpp"
#include "diagnostics/warning_kinds.hpp"
#include "io/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace infrac {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_word(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '_'; }

struct InterpolationMatch {
  std::size_t length = 0;  // bytes from `<<` to after `>>`; 0 when this is no interpolation
  bool literal = false;    // `<<!Name>>`
  std::string name;
  std::string attribute;
};

// `<<` [!] Name (:: Name)* (. Name)* `>>`, starting at text[i] == '<'.
InterpolationMatch match_interpolation(std::string_view text, std::size_t i) {
  InterpolationMatch m;
  if (text.substr(i, 2) != "<<") return m;
  std::size_t p = i + 2;
  if (p < text.size() && text[p] == '!') {
    m.literal = true;
    ++p;
  }
  auto read_word = [&](std::string& into) {
    if (p >= text.size() || !is_alpha(text[p])) return false;
    std::size_t start = p;
    while (p < text.size() && is_word(text[p])) ++p;
    into.append(text.substr(start, p - start));
    return true;
  };
  if (!read_word(m.name)) return {};
  // A hyphenated stack name, as in `<<data-store.Endpoint>>`.
  while (p + 1 < text.size() && text[p] == '-' && is_word(text[p + 1])) {
    m.name += '-';
    ++p;
    read_word(m.name);
  }
  while (text.substr(p, 2) == "::") {
    p += 2;
    m.name += "::";
    if (!read_word(m.name)) return {};
  }
  while (p < text.size() && text[p] == '.') {
    ++p;
    if (!m.attribute.empty()) m.attribute += '.';
    if (!read_word(m.attribute)) return {};
  }
  if (text.substr(p, 2) != ">>") return {};
  m.length = p + 2 - i;
  return m;
}

void append_literal(std::vector<ast::TextPart>& parts, std::string_view text, FileId file, std::uint32_t begin) {
  if (text.empty()) return;
  if (!parts.empty() && parts.back().kind == ast::TextPart::Kind::Literal) {
    parts.back().text.append(text);
    parts.back().span.end = begin + static_cast<std::uint32_t>(text.size());
    return;
  }
  parts.push_back({ast::TextPart::Kind::Literal, std::string(text), {}, {file, begin, begin + static_cast<std::uint32_t>(text.size())}});
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes the escape at quoted[i] == '\\'; returns the bytes consumed.
std::size_t decode_escape(std::string_view quoted, std::size_t i, std::string& out, FileId file, std::uint32_t offset,
                          Diagnostics& diagnostics) {
  char c = i + 1 < quoted.size() ? quoted[i + 1] : '\0';
  switch (c) {
    case 'n': out += '\n'; return 2;
    case 't': out += '\t'; return 2;
    case 'r': out += '\r'; return 2;
    case '"': out += '"'; return 2;
    case '\\': out += '\\'; return 2;
    case '/': out += '/'; return 2;
    case 'u': {
      unsigned code = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        int h = i + 2 + k < quoted.size() ? hex_value(quoted[i + 2 + k]) : -1;
        if (h < 0) {
          auto at = offset + static_cast<std::uint32_t>(i);
          diagnostics.error({file, at, at + 2}, "`\\u` must be followed by four hexadecimal digits");
          return 2;
        }
        code = code * 16 + static_cast<unsigned>(h);
      }
      // A UTF-16 surrogate pair, as JSON writes characters beyond the first plane.
      if (code >= 0xD800 && code <= 0xDBFF && quoted.substr(i + 6, 2) == "\\u") {
        unsigned low = 0;
        bool ok = true;
        for (std::size_t k = 0; k < 4; ++k) {
          int h = i + 8 + k < quoted.size() ? hex_value(quoted[i + 8 + k]) : -1;
          ok &= h >= 0;
          low = low * 16 + static_cast<unsigned>(h < 0 ? 0 : h);
        }
        if (ok && low >= 0xDC00 && low <= 0xDFFF) {
          append_utf8(out, 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
          return 12;
        }
      }
      if (code >= 0xD800 && code <= 0xDFFF) {
        auto at = offset + static_cast<std::uint32_t>(i);
        diagnostics.error({file, at, at + 6}, "`\\u` escapes of UTF-16 surrogates are not allowed; write the character itself");
        return 6;
      }
      append_utf8(out, code);
      return 6;
    }
    default:
      out += c;  // the grammar already rejected unknown escapes
      return 2;
  }
}

}  // namespace

InterpolationAt interpolation_at(std::string_view text, std::size_t i) {
  InterpolationMatch m = match_interpolation(text, i);
  return {m.length, m.literal};
}

void split_interpolations(std::string_view text, FileId file, std::uint32_t offset, std::vector<ast::TextPart>& parts) {
  std::size_t literal_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '<') {
      ++i;
      continue;
    }
    InterpolationMatch m = match_interpolation(text, i);
    if (m.length == 0) {
      ++i;
      continue;
    }
    append_literal(parts, text.substr(literal_start, i - literal_start), file, offset + static_cast<std::uint32_t>(literal_start));
    Span span{file, offset + static_cast<std::uint32_t>(i), offset + static_cast<std::uint32_t>(i + m.length)};
    if (m.literal) {
      std::string spelled = "<<" + m.name + (m.attribute.empty() ? "" : "." + m.attribute) + ">>";
      append_literal(parts, spelled, file, span.begin);
    } else {
      parts.push_back({ast::TextPart::Kind::Reference, m.name, m.attribute, span});
    }
    i += m.length;
    literal_start = i;
  }
  append_literal(parts, text.substr(literal_start), file, offset + static_cast<std::uint32_t>(literal_start));
}

void warn_windows_line_endings(Diagnostics& diagnostics, Span span) {
  auto& d = diagnostics.warning(span, "this text has Windows line endings (CRLF); every `\\r` reaches the instance as part of the script",
                                warning_kind::kWindowsLineEndings);
  d.notes.push_back({std::nullopt, "a shell script with `\\r` line endings fails on Linux: convert the file with `dos2unix`"});
}

void normalise_text(ast::Expr& expr) {
  std::vector<ast::TextPart> merged;
  for (auto& part : expr.parts) {
    if (!merged.empty() && part.kind == ast::TextPart::Kind::Literal && merged.back().kind == ast::TextPart::Kind::Literal) {
      merged.back().text += part.text;
      merged.back().span.end = std::max(merged.back().span.end, part.span.end);
    } else {
      merged.push_back(std::move(part));
    }
  }
  expr.parts = std::move(merged);
  bool has_reference = false;
  for (const auto& part : expr.parts) has_reference |= part.kind == ast::TextPart::Kind::Reference;
  if (has_reference) {
    expr.kind = ast::Expr::Kind::Text;
    return;
  }
  expr.kind = ast::Expr::Kind::String;
  expr.text.clear();
  for (const auto& part : expr.parts) expr.text += part.text;
  expr.parts.clear();
}

ast::Expr string_literal_expr(std::string_view quoted, FileId file, std::uint32_t offset, Diagnostics& diagnostics) {
  ast::Expr expr;
  expr.span = {file, offset, offset + static_cast<std::uint32_t>(quoted.size())};
  expr.origin = ast::Expr::Origin::Inline;
  // Runs of plain characters are split for interpolation; escapes become literal text.
  std::size_t i = 1, run = 1, end = quoted.size() - 1;
  auto flush = [&](std::size_t upto) {
    split_interpolations(quoted.substr(run, upto - run), file, offset + static_cast<std::uint32_t>(run), expr.parts);
  };
  while (i < end) {
    if (quoted[i] == '\\') {
      flush(i);
      std::string decoded;
      std::size_t used = decode_escape(quoted, i, decoded, file, offset, diagnostics);
      ast::TextPart part{ast::TextPart::Kind::Literal, decoded, {}, {file, offset + static_cast<std::uint32_t>(i), offset + static_cast<std::uint32_t>(i + used)}};
      if (!expr.parts.empty() && expr.parts.back().kind == ast::TextPart::Kind::Literal) {
        expr.parts.back().text += decoded;
        expr.parts.back().span.end = part.span.end;
      } else {
        expr.parts.push_back(std::move(part));
      }
      i += used;
      run = i;
    } else {
      ++i;
    }
  }
  flush(end);
  normalise_text(expr);
  return expr;
}

namespace {
bool is_indent(char c) { return c == ' ' || c == '\t'; }
}  // namespace

ast::Expr text_block_expr(std::string_view block, FileId file, std::uint32_t offset, Diagnostics& diagnostics) {
  ast::Expr expr;
  expr.span = {file, offset, offset + static_cast<std::uint32_t>(block.size())};
  expr.origin = ast::Expr::Origin::Block;
  std::size_t body_begin = block.find('\n') + 1;
  std::size_t last_line = block.rfind('\n') + 1;
  std::string_view closing = block.substr(last_line);
  std::string_view indent = closing.substr(0, closing.find('`'));
  std::size_t p = body_begin;
  while (p < last_line) {
    std::size_t eol = block.find('\n', p);
    std::string_view line = block.substr(p, eol + 1 - p);  // with its terminator
    std::string_view content = line;
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.remove_suffix(1);
    std::string_view terminator = line.substr(content.size());
    auto line_offset = offset + static_cast<std::uint32_t>(p);
    bool whitespace_only = true;
    for (char c : content) whitespace_only &= is_indent(c);
    if (content.substr(0, indent.size()) == indent) {
      std::size_t kept = indent.size();
      split_interpolations(content.substr(kept), file, line_offset + static_cast<std::uint32_t>(kept), expr.parts);
      split_interpolations(terminator, file, line_offset + static_cast<std::uint32_t>(content.size()), expr.parts);
    } else if (whitespace_only) {
      split_interpolations(terminator, file, line_offset + static_cast<std::uint32_t>(content.size()), expr.parts);
    } else {
      std::size_t width = 0;
      while (width < content.size() && is_indent(content[width])) ++width;
      auto& d = diagnostics.error({file, line_offset, line_offset + static_cast<std::uint32_t>(std::max<std::size_t>(width, 1))},
                                  "text block line is not indented like the closing fence");
      bool mixed = content.substr(0, std::min(width, indent.size())) != indent.substr(0, std::min(width, indent.size()));
      d.notes.push_back({std::nullopt, mixed ? "the line mixes tabs and spaces differently from the closing fence"
                                             : fmt::format("every line must start with the {} whitespace characters before the closing fence", indent.size())});
    }
    p = eol + 1;
  }
  if (block.substr(body_begin, last_line - body_begin).find('\r') != std::string_view::npos) {
    warn_windows_line_endings(diagnostics, {file, offset, offset + 3});
  }
  // ```- : the text ends without its final line break (code whose original has none).
  if (closing.back() == '-' && !expr.parts.empty() && expr.parts.back().kind == ast::TextPart::Kind::Literal) {
    std::string& last = expr.parts.back().text;
    if (last.ends_with("\r\n")) {
      last.resize(last.size() - 2);
    } else if (last.ends_with('\n')) {
      last.pop_back();
    }
    if (last.empty()) expr.parts.pop_back();
  }
  normalise_text(expr);
  if (expr.kind == ast::Expr::Kind::Text) expr.origin = ast::Expr::Origin::Block;
  return expr;
}

}  // namespace infrac
