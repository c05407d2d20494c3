#include "diagnostics/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/utf8.hpp"
#include "limits.hpp"

namespace infrac {
namespace {

struct Palette {
  bool on;
  std::string bold() const { return on ? "\x1b[1m" : ""; }
  std::string reset() const { return on ? "\x1b[0m" : ""; }
  std::string severity(Severity s) const {
    if (!on) return "";
    switch (s) {
      case Severity::Error: return "\x1b[1;31m";
      case Severity::Warning: return "\x1b[1;35m";
      case Severity::Note: return "\x1b[1;36m";
    }
    return "";
  }
  std::string caret() const { return on ? "\x1b[1;32m" : ""; }
};

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Replace control bytes so that hostile input cannot drive the terminal.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // A line that is not valid UTF-8 shows its non-ASCII bytes as `?`.
  bool valid = invalid_utf8_offset(text) == std::string_view::npos;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 && !valid) {
      out += '?';
    } else if (c == '\t' || u >= 0x20) {
      out += u == 0x7f ? '?' : c;
    } else {
      out += '?';
    }
  }
  return out;
}

// A name or text quoted in a message (between backticks or double quotes) longer than
// the limit is cut, so that a hostile name cannot make megabytes of output; the message
// says how long it was.
std::string shorten_quoted(std::string_view message) {
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    std::size_t open = message.find_first_of("`\"", i);
    std::size_t close = open == std::string_view::npos ? open : message.find(message[open], open + 1);
    if (close == std::string_view::npos) {
      out += message.substr(i);
      break;
    }
    std::string_view quoted = message.substr(open + 1, close - open - 1);
    out += message.substr(i, open + 1 - i);
    if (quoted.size() > limits::kNameInMessage) {
      std::size_t keep = limits::kNameInMessage / 2;
      while (keep > 0 && (static_cast<unsigned char>(quoted[keep]) & 0xC0) == 0x80) --keep;
      out += fmt::format("{}...{} ({} bytes)", quoted.substr(0, keep), message[open], quoted.size());
    } else {
      out += quoted;
      out += message[open];
    }
    i = close + 1;
  }
  return out;
}

void render_location_line(std::string& out, const Palette& p, const SourceManager& sources, const std::optional<Span>& span,
                          const std::string& path, Severity severity, const std::string& message) {
  out += p.bold();
  if (span) {
    const SourceFile& file = sources.file(span->file);
    LineColumn at = file.line_column(span->begin);
    out += fmt::format("{}:{}:{}: ", file.path(), at.line, at.column);
  } else if (!path.empty()) {
    out += path + ": ";
  }
  out += p.reset() + p.severity(severity) + severity_name(severity) + ":" + p.reset() + " " + p.bold() +
         printable(shorten_quoted(message)) + p.reset() + "\n";
}

// Source lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxSnippetBytes = 200;

void render_snippet(std::string& out, const Palette& p, const SourceManager& sources, const Span& span, const SecretMask& mask) {
  const SourceFile& file = sources.file(span.file);
  LineColumn at = file.line_column(span.begin);
  std::string_view full_line = file.line_text(at.line);
  std::uint32_t line_begin = span.begin - (at.column - 1);
  std::uint32_t start = at.column - 1;
  auto continuation = [&](std::size_t i) { return i < full_line.size() && (static_cast<unsigned char>(full_line[i]) & 0xC0) == 0x80; };
  std::size_t window = 0, end = full_line.size();
  if (full_line.size() > kMaxSnippetBytes) {
    window = start > 80 ? start - 80 : 0;
    while (continuation(window)) ++window;
    end = std::min(full_line.size(), window + kMaxSnippetBytes);
    while (continuation(end)) ++end;
  }
  std::string prefix = window > 0 ? "..." : "", suffix = end < full_line.size() ? "..." : "";
  // Secrets are masked over a margin around the window, so one that crosses its edge is still found.
  std::size_t from = window > mask.longest_value() ? window - mask.longest_value() : 0;
  std::size_t to = std::min(full_line.size(), end + mask.longest_value());
  std::string region = mask.source(full_line.substr(from, to - from), span.file, static_cast<std::uint32_t>(line_begin + from));
  std::string shown = printable(std::string_view(region).substr(window - from, end - window));
  out += prefix + shown + suffix + "\n";
  // Align the caret by characters, not bytes, and keep tabs so it lines up in any terminal.
  std::string marker(prefix.size(), ' ');
  std::string_view line = shown;
  std::size_t caret_at = start >= window ? start - window : 0;
  for (std::size_t i = 0; i < caret_at && i < line.size(); ++i) {
    auto u = static_cast<unsigned char>(line[i]);
    if ((u & 0xC0) == 0x80) continue;
    marker += line[i] == '\t' ? '\t' : ' ';
  }
  marker += '^';
  // Underline the rest of the range, but never past the end of this line.
  std::uint32_t length = span.end > span.begin ? span.end - span.begin : 1;
  std::size_t room = line.size() > caret_at ? line.size() - caret_at : 1;
  length = static_cast<std::uint32_t>(std::min<std::size_t>(length, std::max<std::size_t>(room, 1)));
  for (std::uint32_t i = 1; i < length; ++i) {
    if (caret_at + i < line.size() && (static_cast<unsigned char>(line[caret_at + i]) & 0xC0) == 0x80) continue;
    marker += '~';
  }
  out += p.caret() + marker + p.reset() + "\n";
}

}  // namespace

std::string render_text(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources, bool colour,
                        const SecretMask& mask) {
  Palette p{colour};
  std::string out;
  for (const auto& d : diagnostics) {
    render_location_line(out, p, sources, d.span, d.path, d.severity, mask.text(d.message));
    if (d.span) render_snippet(out, p, sources, *d.span, mask);
    for (const auto& note : d.notes) {
      render_location_line(out, p, sources, note.span, {}, Severity::Note, mask.text(note.message));
      if (note.span) render_snippet(out, p, sources, *note.span, mask);
    }
    // A problem inside a script says which file(...) brought the script in.
    if (d.span) {
      if (const auto& at = sources.file(d.span->file).loaded_at()) {
        render_location_line(out, p, sources, at, {}, Severity::Note, "`" + sources.file(d.span->file).path() + "` is loaded here");
        render_snippet(out, p, sources, *at, mask);
      }
    }
  }
  return out;
}

namespace {
nlohmann::ordered_json location_json(const SourceManager& sources, const std::optional<Span>& span, const std::string& path) {
  nlohmann::ordered_json j;
  if (span) {
    const SourceFile& file = sources.file(span->file);
    LineColumn begin = file.line_column(span->begin);
    LineColumn end = file.line_column(std::max(span->end, span->begin));
    j["file"] = file.path();
    j["line"] = begin.line;
    j["column"] = begin.column;
    j["end_line"] = end.line;
    j["end_column"] = end.column;
  } else if (!path.empty()) {
    j["file"] = path;
  }
  return j;
}
}  // namespace

std::string render_json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources, const SecretMask& mask) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics) {
    nlohmann::ordered_json j = location_json(sources, d.span, d.path);
    j["severity"] = severity_name(d.severity);
    j["message"] = shorten_quoted(mask.text(d.message));
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& note : d.notes) {
      nlohmann::ordered_json n = location_json(sources, note.span, {});
      n["message"] = shorten_quoted(mask.text(note.message));
      notes.push_back(std::move(n));
    }
    j["notes"] = std::move(notes);
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["diagnostics"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string summary_line(const std::vector<Diagnostic>& diagnostics, std::size_t errors, std::size_t warnings) {
  for (const auto& d : diagnostics) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
  }
  std::vector<std::string> parts;
  if (errors) parts.push_back(fmt::format("{} error{}", errors, errors == 1 ? "" : "s"));
  if (warnings) parts.push_back(fmt::format("{} warning{}", warnings, warnings == 1 ? "" : "s"));
  if (parts.empty()) return {};
  return parts.size() == 2 ? parts[0] + ", " + parts[1] : parts[0];
}

}  // namespace infrac
