// The JSON view (docs/diff-format.md): the contract for CI tools, versioned by format_version.
#include "diff/render.hpp"

namespace infrac::diff {
namespace {

Json hunks_json(const TextDiff& text) {
  Json hunks = Json::array();
  for (const auto& h : text.hunks) {
    Json lines = Json::array();
    for (const auto& l : h.lines) lines.push_back(std::string(1, l.kind) + l.text);
    hunks.push_back({{"old_start", h.old_start}, {"old_count", h.old_count}, {"new_start", h.new_start},
                     {"new_count", h.new_count}, {"lines", lines}});
  }
  return {{"form", text.form}, {"hunks", hunks}};
}

Json value_json(const ValueChange& v) {
  Json out = {{"path", v.path}, {"path_text", path_text(v.path)}, {"change", to_string(v.change)}};
  if (v.effect != Action::None) out["effect"] = to_string(v.effect);
  if (!v.source.empty()) out["source"] = v.source;
  if (v.secret) {
    out["secret"] = true;
    return out;
  }
  if (v.change != Change::Added) out["old"] = v.old_value;
  if (v.change != Change::Removed) out["new"] = v.new_value;
  if (v.text) out["text"] = hunks_json(*v.text);
  return out;
}

Json declaration_json(const DeclarationChange& d) {
  Json out = {{"section", d.section}, {"name", d.name}};
  if (!d.type.empty()) out["type"] = d.type;
  out["change"] = to_string(d.change);
  if (!d.source.empty()) out["source"] = d.source;
  if (d.section == "Resources") {
    out["action"] = to_string(d.action);
    out["certain"] = d.certain;
    out["replaced_by"] = d.replaced_by;
    Json reasons = Json::array();
    for (const auto& r : d.reasons) reasons.push_back({{"text", r.text}, {"action", to_string(r.action)}, {"certain", r.certain}});
    out["reasons"] = reasons;
    out["notes"] = d.notes;
  }
  if (d.verdict) {
    out["stack_policy"] = {{"allowed", d.verdict->allowed}, {"action", d.verdict->policy_action}, {"decided_by", d.verdict->decided_by}};
  }
  if (d.secret) out["secret"] = true;
  if (d.change != Change::Modified && !d.secret) out[d.change == Change::Added ? "new" : "old"] = d.change == Change::Added ? d.new_value : d.old_value;
  Json values = Json::array();
  for (const auto& v : d.values) values.push_back(value_json(v));
  out["values"] = values;
  return out;
}

}  // namespace

std::string render_json(const Diff& diff) {
  Json stacks = Json::array();
  for (const auto& s : diff.stacks) {
    StackDiff::Counts c = s.counts();
    Json stack = {{"name", s.name},
                  {"status", !s.old_exists ? "created" : !s.new_exists ? "deleted" : s.empty() ? "unchanged" : "modified"},
                  {"summary_line", summary_line(s)},
                  {"summary",
                   {{"replace", c.replace}, {"may_replace", c.may_replace}, {"modify", c.modify}, {"add", c.add},
                    {"remove", c.remove}, {"other", c.other}, {"denied", c.denied}, {"security", c.security}}}};
    stack["stack_policy"] = {{"in_force", s.policy_judged ? "new" : "none"}, {"changed", s.policy.has_value()}};
    if (s.policy) {
      Json statements = Json::array();
      for (const auto& v : s.policy->statements) statements.push_back(value_json(v));
      stack["stack_policy"]["changes"] = statements;
    }
    Json changed = Json::array();
    for (const auto& p : s.parameters_changed) changed.push_back(p.name);
    stack["parameters_changed"] = changed;
    stack["parameters_resolved"] = s.parameters_resolved;
    Json findings = Json::array();
    for (const auto& f : s.findings) findings.push_back({{"kind", f.kind}, {"name", f.name}, {"message", f.message}});
    stack["security"] = findings;
    Json changes = Json::array();
    for (const auto& d : s.changes) changes.push_back(declaration_json(d));
    stack["changes"] = changes;
    stacks.push_back(stack);
  }
  Json doc = {{"format_version", kFormatVersion}, {"changes", !diff.empty()}, {"stacks", stacks}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace infrac::diff
