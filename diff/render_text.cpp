// The human view: what a reviewer reads in a terminal or a CI log.
#include <fmt/format.h>

#include "diff/render.hpp"

namespace infrac::diff {
namespace {

constexpr const char* kSecret = "(NoEcho value, not shown)";

// Colour is applied last, by role, and only when asked for: tests compare plain text.
struct Painter {
  bool colour;
  std::string operator()(const char* code, const std::string& text) const {
    return colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : text;
  }
  std::string add(const std::string& t) const { return (*this)("32", t); }
  std::string remove(const std::string& t) const { return (*this)("31", t); }
  std::string change(const std::string& t) const { return (*this)("33", t); }
  std::string bold(const std::string& t) const { return (*this)("1", t); }
  std::string dim(const std::string& t) const { return (*this)("2", t); }
};

std::string action_mark(const DeclarationChange& d) {
  if (d.section == "Resources") {
    switch (d.action) {
      case Action::Create: return "+";
      case Action::Delete: return "-";
      case Action::Replace: return "-/+";
      case Action::Conditional: return "?/+";
      case Action::Modify: return "~";
      case Action::None: break;
    }
  }
  return d.change == Change::Added ? "+" : d.change == Change::Removed ? "-" : "~";
}

std::string paint_mark(const Painter& p, const std::string& mark) {
  if (mark == "+") return p.add(mark);
  if (mark == "-" || mark == "-/+" || mark == "?/+") return p.remove(mark);
  return p.change(mark);
}

std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// The columns a line takes: UTF-8 characters, not counting colour escapes.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Where to break `s` so that the first part takes at most `width` columns: after the last
// space that fits, else (a long word) at the width.
std::size_t break_at(const std::string& s, std::size_t width) {
  std::size_t n = 0, last_space = std::string::npos;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (n == width) return last_space != std::string::npos && last_space > 0 ? last_space : i;
    if (s[i] == ' ') last_space = i;
    ++n;
  }
  return s.size();
}

// Cuts a line to `width` columns (counting UTF-8 characters), marking the cut.
std::string fit(const std::string& line, std::size_t width) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (++columns == width) {
      std::size_t next = i + 1;
      while (next < line.size() && (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80) ++next;
      if (next < line.size()) return line.substr(0, i) + "…";
    }
  }
  return line;
}

class TextWriter {
 public:
  TextWriter(const TextStyle& style) : style_(style), p_{style.colour} {}

  void stack(const StackDiff& s) {
    policy_judged_ = s.policy_judged;
    // The summary first; too long for the width, it breaks after the counts of changes.
    std::string summary = summary_line(s);
    std::size_t split = summary.find("; ");
    if (columns(summary) > style_.width && split != std::string::npos) {
      line(0, p_.bold(summary.substr(0, split + 1)), 2);
      line(2, p_.bold(summary.substr(split + 2)), 2);
    } else {
      line(0, p_.bold(summary), 2);
    }
    if (s.empty() && s.findings.empty()) return;
    if (!s.old_exists) line(2, "a new stack: every resource is created");
    if (!s.new_exists) line(2, "the stack is removed: every resource is deleted");
    if (!s.findings.empty()) {
      out_ += "\n" + p_.bold("  Security-relevant:") + "\n";
      for (const auto& f : s.findings) line(4, p_.remove("!") + " " + f.message, 6);
    }
    if (s.old_exists && s.new_exists) {
      out_ += "\n";
      line(2, s.policy_judged ? "Stack policy: the new one is in force during the update"
                              : "Stack policy: none, so CloudFormation allows every update");
    }
    for (const auto& p : s.parameters_changed) line(2, fmt::format("Parameter `{}` changes {}", p.name, p.how));
    for (const auto& name : s.parameters_resolved) {
      line(2, fmt::format("Parameter `{}` is resolved again from SSM at the update: it may change", name));
    }
    std::string section;
    for (const auto& d : s.changes) {
      if (d.section != section) {
        section = d.section;
        out_ += "\n" + p_.bold("  " + section) + "\n";
      }
      declaration(d);
    }
    if (s.policy) {
      out_ += "\n" + p_.bold("  Stack policy") + "\n";
      for (const auto& v : s.policy->statements) value(v, 4);
    }
  }

  std::string take() { return std::move(out_); }

 private:
  // A line indented by `indent`, wrapped to the width; continuations are indented by `hanging` more.
  void line(std::size_t indent, const std::string& text, std::size_t hanging = 4) {
    std::string rest = text;
    std::size_t at = indent;
    while (true) {
      std::size_t room = style_.width > at + 10 ? style_.width - at : 10;
      if (columns(rest) <= room) {
        out_ += rstrip(std::string(at, ' ') + rest) + "\n";
        return;
      }
      std::size_t cut = break_at(rest, room);
      out_ += std::string(at, ' ') + rest.substr(0, cut) + "\n";
      rest = rest.substr(cut);
      if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
      at = indent + hanging;
    }
  }

  // A whole value: one line when it fits, else pretty-printed over several.
  void block(std::size_t indent, const std::string& head, const Json& value) {
    std::string compact = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (indent + columns(head) + columns(compact) <= style_.width) {
      line(indent, head + compact);
      return;
    }
    if (!head.empty()) line(indent, head);
    std::string pretty = value.dump(2, ' ', false, Json::error_handler_t::replace);
    std::size_t start = 0;
    while (start <= pretty.size()) {
      std::size_t end = pretty.find('\n', start);
      if (end == std::string::npos) end = pretty.size();
      line(indent + (head.empty() ? 0 : 4), pretty.substr(start, end - start), 2);
      start = end + 1;
    }
  }

  void declaration(const DeclarationChange& d) {
    std::string head = paint_mark(p_, action_mark(d)) + " " + p_.bold(d.name.empty() ? d.section : d.name);
    if (!d.type.empty()) head += "  " + d.type;

    if (d.section == "Resources") {
      std::string action = action_text(d);
      head += "  " + (d.action == Action::Replace || d.action == Action::Conditional ? p_.remove(action) : action);
    } else {
      head += "  " + std::string(to_string(d.change));
    }
    line(4, head);
    if (!d.source.empty()) line(8, p_.dim("at " + d.source));
    if (d.action == Action::Create && policy_judged_) line(8, "stack policy: does not apply (it governs updates, not creation)");
    if (d.verdict && policy_judged_) {
      std::string verdict = d.verdict->allowed ? p_.add("allowed") : p_.remove("DENIED");
      line(8, fmt::format("stack policy: {} {}: {}", verdict, d.verdict->policy_action, d.verdict->decided_by));
    }
    if (!d.replaced_by.empty()) {
      std::string paths;
      for (const auto& r : d.replaced_by) paths += (paths.empty() ? "" : ", ") + r;
      line(8, (d.action == Action::Replace ? "replaced because of: " : "may be replaced because of: ") + paths);
    }
    for (const auto& r : d.reasons) line(8, "because it " + r.text);
    for (const auto& n : d.notes) line(8, n);
    if (d.change != Change::Modified) {
      const Json& whole = d.change == Change::Added ? d.new_value : d.old_value;
      if (d.secret) {
        line(8, kSecret);
      } else {
        block(8, "", whole);
      }
      return;
    }
    for (const auto& v : d.values) value(v, 8);
  }

  void value(const ValueChange& v, std::size_t indent) {
    std::string path = path_text(v.path);
    std::string effect = v.effect == Action::Replace ? "  (forces replacement)"
                         : v.effect == Action::Conditional ? "  (may force replacement)" : "";
    if (!v.source.empty()) effect += "  " + p_.dim("at " + v.source);
    std::string mark = v.change == Change::Added ? p_.add("+") : v.change == Change::Removed ? p_.remove("-") : p_.change("~");
    if (v.secret) {
      line(indent, fmt::format("{} {}: {}{}", mark, path.empty() ? "value" : path, kSecret, effect));
      return;
    }
    if (v.text) {
      line(indent, fmt::format("{} {} ({}, as lines){}", mark, path, v.text->form, effect));
      for (const auto& h : v.text->hunks) {
        line(indent + 2, p_.dim(fmt::format("@@ -{},{} +{},{} @@", h.old_start, h.old_count, h.new_start, h.new_count)));
        for (const auto& l : h.lines) {
          std::string text = std::string(1, l.kind) + l.text;
          line(indent + 2, l.kind == '+' ? p_.add(text) : l.kind == '-' ? p_.remove(text) : text);
        }
      }
      return;
    }
    std::string label = path.empty() ? "" : path + ": ";
    if (v.change == Change::Added) {
      block(indent, mark + " " + label, v.new_value);
      if (!effect.empty()) line(indent + 4, effect.substr(2));
    } else if (v.change == Change::Removed) {
      block(indent, mark + " " + label, v.old_value);
      if (!effect.empty()) line(indent + 4, effect.substr(2));
    } else {
      std::string a = v.old_value.dump(-1, ' ', false, Json::error_handler_t::replace);
      std::string b = v.new_value.dump(-1, ' ', false, Json::error_handler_t::replace);
      std::string one = fmt::format("{} {}{} → {}{}", mark, label, a, b, effect);
      if (indent + columns(one) <= style_.width) {
        line(indent, one);
      } else {
        line(indent, fmt::format("{} {}{}", mark, path, effect));
        block(indent + 4, p_.remove("- "), v.old_value);
        block(indent + 4, p_.add("+ "), v.new_value);
      }
    }
  }

  const TextStyle& style_;
  bool policy_judged_ = false;  // without a policy every verdict is "allowed", said once for the stack
  Painter p_;
  std::string out_;
};

}  // namespace

std::string path_text(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& step : path) {
    if (!out.empty() && !step.empty() && step.front() != '[') out += ".";
    out += step;
  }
  return out;
}

std::string value_line(const Json& value, std::size_t width) {
  return fit(value.dump(-1, ' ', false, Json::error_handler_t::replace), std::max<std::size_t>(width, 8));
}

std::string summary_line(const StackDiff& s) {
  if (s.empty() && s.findings.empty()) return s.name + ": no changes";
  StackDiff::Counts c = s.counts();
  std::string line = fmt::format("{}: {} to replace, {} to modify, {} to add, {} to remove", s.name, c.replace, c.modify,
                                 c.add, c.remove);
  if (c.may_replace) line += fmt::format(", {} may be replaced", c.may_replace);
  if (c.other) line += fmt::format(", {} other change{}", c.other, c.other == 1 ? "" : "s");
  if (s.policy) line += ", stack policy changed";
  line += fmt::format("; {} denied by the stack policy; {} security-relevant", c.denied, c.security);
  return line;
}

std::string render_text(const Diff& diff, const TextStyle& style) {
  std::string out;
  for (const auto& s : diff.stacks) {
    if (!out.empty()) out += "\n";
    TextWriter w(style);
    w.stack(s);
    out += w.take();
  }
  return out;
}

}  // namespace infrac::diff
