#include "diagnostics/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "source/utf8.hpp"

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
         printable(message) + p.reset() + "\n";
}

std::string masked(std::string_view line, std::uint32_t line_begin, FileId file, const std::vector<Span>& secrets) {
  std::string out(line);
  for (const Span& secret : secrets) {
    if (secret.file != file) continue;
    for (std::uint32_t i = 0; i < out.size(); ++i) {
      std::uint32_t offset = line_begin + i;
      if (offset >= secret.begin && offset < secret.end) out[i] = '*';
    }
  }
  return out;
}

// Source lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxSnippetBytes = 200;

void render_snippet(std::string& out, const Palette& p, const SourceManager& sources, const Span& span,
                    const std::vector<Span>& secrets) {
  const SourceFile& file = sources.file(span.file);
  LineColumn at = file.line_column(span.begin);
  std::string_view full_line = file.line_text(at.line);
  std::uint32_t line_begin = span.begin - (at.column - 1);
  std::string shown = printable(masked(full_line, line_begin, span.file, secrets));
  std::uint32_t start = at.column - 1;
  std::string prefix, suffix;
  std::size_t window = 0;
  if (shown.size() > kMaxSnippetBytes) {
    window = start > 80 ? start - 80 : 0;
    while (window < shown.size() && (static_cast<unsigned char>(shown[window]) & 0xC0) == 0x80) ++window;
    std::size_t end = std::min(shown.size(), window + kMaxSnippetBytes);
    while (end < shown.size() && (static_cast<unsigned char>(shown[end]) & 0xC0) == 0x80) ++end;
    if (window > 0) prefix = "...";
    if (end < shown.size()) suffix = "...";
    shown = shown.substr(window, end - window);
  }
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
                        const std::vector<Span>& secrets) {
  Palette p{colour};
  std::string out;
  for (const auto& d : diagnostics) {
    render_location_line(out, p, sources, d.span, d.path, d.severity, d.message);
    if (d.span) render_snippet(out, p, sources, *d.span, secrets);
    for (const auto& note : d.notes) {
      render_location_line(out, p, sources, note.span, {}, Severity::Note, note.message);
      if (note.span) render_snippet(out, p, sources, *note.span, secrets);
    }
    // A problem inside a script says which file(...) brought the script in.
    if (d.span) {
      if (const auto& at = sources.file(d.span->file).loaded_at()) {
        render_location_line(out, p, sources, at, {}, Severity::Note, "`" + sources.file(d.span->file).path() + "` is loaded here");
        render_snippet(out, p, sources, *at, secrets);
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

std::string render_json(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics) {
    nlohmann::ordered_json j = location_json(sources, d.span, d.path);
    j["severity"] = severity_name(d.severity);
    j["message"] = d.message;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& note : d.notes) {
      nlohmann::ordered_json n = location_json(sources, note.span, {});
      n["message"] = note.message;
      notes.push_back(std::move(n));
    }
    j["notes"] = std::move(notes);
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json doc;
  doc["diagnostics"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string summary_line(const std::vector<Diagnostic>& diagnostics) {
  std::size_t errors = 0, warnings = 0;
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
