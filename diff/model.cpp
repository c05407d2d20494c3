#include "diff/model.hpp"

namespace infrac::diff {

std::string_view to_string(Change change) {
  switch (change) {
    case Change::Added: return "added";
    case Change::Removed: return "removed";
    case Change::Modified: return "modified";
  }
  return "modified";
}

std::string_view to_string(Action action) {
  switch (action) {
    case Action::None: return "none";
    case Action::Modify: return "modify";
    case Action::Create: return "create";
    case Action::Delete: return "delete";
    case Action::Conditional: return "may replace";
    case Action::Replace: return "replace";
  }
  return "none";
}

std::string action_text(const DeclarationChange& d) {
  if (d.action == Action::None) return "template only";
  std::string action(to_string(d.action));
  // Conditional reads "may replace" already.
  return d.certain || d.action == Action::Conditional ? action : "may " + action;
}

StackDiff::Counts StackDiff::counts() const {
  Counts c;
  for (const auto& d : changes) {
    if (d.verdict && !d.verdict->allowed) ++c.denied;
    switch (d.section == "Resources" ? d.action : Action::None) {
      case Action::Replace: ++(d.certain ? c.replace : c.may_replace); break;  // uncertain: through a value that may change
      case Action::Conditional: ++c.may_replace; break;
      case Action::Modify: ++c.modify; break;
      case Action::Create: ++c.add; break;
      case Action::Delete: ++c.remove; break;
      case Action::None: ++c.other; break;
    }
  }
  c.security = findings.size();
  return c;
}

bool Diff::empty() const {
  for (const auto& s : stacks) {
    if (!s.empty()) return false;
  }
  return true;
}

}  // namespace infrac::diff
