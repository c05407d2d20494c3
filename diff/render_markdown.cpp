// The markdown view, for a pull-request comment: the summary and findings first,
// a table of resource changes, and every value change below it, texts as `diff`
// blocks in collapsible sections so a long script does not bury the table.
#include <fmt/format.h>

#include "diff/render.hpp"

namespace infrac::diff {
namespace {

// Text in a table cell: no pipes, no newlines.
std::string cell(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

// Inline code: a value with backticks is fenced with more of them.
std::string code(const std::string& s) {
  std::string fence = s.find('`') == std::string::npos ? "`" : "`` ";
  std::string close = fence == "`" ? "`" : " ``";
  return fence + cell(s) + close;
}

// A fence longer than any run of backticks in the text.
std::string fence_for(const std::vector<TextHunk>& hunks) {
  std::size_t longest = 0;
  for (const auto& h : hunks) {
    for (const auto& l : h.lines) {
      std::size_t run = 0;
      for (char c : l.text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
      }
    }
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void value(std::string& out, const std::string& owner, const ValueChange& v) {
  std::string path = path_text(v.path);
  std::string effect = v.effect == Action::Replace ? " (forces replacement)" : v.effect == Action::Conditional ? " (may force replacement)" : "";
  if (!v.source.empty()) effect += " at " + code(v.source);
  if (v.secret) {
    out += fmt::format("- {} {}: NoEcho value, not shown{}\n", code(owner), code(path), effect);
    return;
  }
  if (v.text) {
    std::string fence = fence_for(v.text->hunks);
    out += fmt::format("<details><summary>{} <code>{}</code> ({}){}</summary>\n\n{}diff\n", cell(owner), cell(path),
                       cell(v.text->form), effect, fence);
    for (const auto& h : v.text->hunks) {
      out += fmt::format("@@ -{},{} +{},{} @@\n", h.old_start, h.old_count, h.new_start, h.new_count);
      for (const auto& l : h.lines) out += std::string(1, l.kind) + l.text + "\n";
    }
    out += fence + "\n\n</details>\n\n";
    return;
  }
  std::string a = v.change == Change::Added ? "" : code(value_line(v.old_value, 200));
  std::string b = v.change == Change::Removed ? "" : code(value_line(v.new_value, 200));
  std::string what = v.change == Change::Added ? "added " + b : v.change == Change::Removed ? "removed (was " + a + ")" : a + " → " + b;
  out += fmt::format("- {} {}: {}{}\n", code(owner), code(path.empty() ? "value" : path), what, effect);
}

}  // namespace

std::string render_markdown(const Diff& diff) {
  std::string out;
  for (const auto& s : diff.stacks) {
    out += fmt::format("### {}\n\n", cell(summary_line(s)));
    if (s.empty() && s.findings.empty()) continue;
    if (!s.findings.empty()) {
      out += "**Security-relevant:**\n\n";
      for (const auto& f : s.findings) out += fmt::format("- :warning: {}\n", cell(f.message));
      out += "\n";
    }
    if (s.old_exists && s.new_exists) {
      out += s.policy_judged ? "Stack policy in force: the new one.\n\n" : "No stack policy: CloudFormation allows every update.\n\n";
    }
    for (const auto& p : s.parameters_changed) out += fmt::format("Parameter {} changes {}.\n\n", code(p.name), p.how);
    for (const auto& p : s.parameters_resolved) {
      out += fmt::format("Parameter {} is resolved again from SSM at the update: it may change.\n\n", code(p));
    }
    bool table = false;
    for (const auto& d : s.changes) {
      if (d.section != "Resources") continue;
      if (!table) {
        out += "| resource | type | action | stack policy | why |\n|---|---|---|---|---|\n";
        table = true;
      }
      std::string action = action_text(d);
      if (d.action == Action::Replace || d.action == Action::Conditional) action = "**" + action + "**";
      std::string verdict = !d.verdict ? "" : d.verdict->allowed ? "allowed" : "**denied**";
      if (d.verdict) verdict += ": " + cell(d.verdict->decided_by);
      std::string why;
      for (const auto& r : d.replaced_by) why += (why.empty() ? "" : "; ") + code(r) + " forces it";
      for (const auto& r : d.reasons) why += (why.empty() ? "" : "; ") + cell(r.text);
      for (const auto& n : d.notes) why += (why.empty() ? "" : "; ") + cell(n);
      std::string name = code(d.name) + (d.source.empty() ? "" : " at " + code(d.source));
      out += fmt::format("| {} | {} | {} | {} | {} |\n", name, code(d.type), action, verdict, why);
    }
    if (table) out += "\n";
    std::string section;
    for (const auto& d : s.changes) {
      if (d.section != section) {
        section = d.section;
        out += fmt::format("#### {}\n\n", section);
      }
      std::string owner = d.name.empty() ? d.section : d.name;
      if (d.change != Change::Modified) {
        std::string whole = d.secret ? "NoEcho value, not shown"
                            : code(value_line(d.change == Change::Added ? d.new_value : d.old_value, 200));
        std::string at = d.source.empty() ? "" : " at " + code(d.source);
        out += fmt::format("- {} {}{}: {}\n", code(owner), to_string(d.change), at, whole);
      }
      if (d.values.empty() && d.change == Change::Modified) out += fmt::format("- {}: {}\n", code(owner), "changed only through what it uses (see the table)");
      for (const auto& v : d.values) value(out, owner, v);
      out += "\n";
    }
    if (s.policy) {
      out += "#### Stack policy\n\n";
      for (const auto& v : s.policy->statements) value(out, "policy", v);
      out += "\n";
    }
  }
  return out;
}

}  // namespace infrac::diff
