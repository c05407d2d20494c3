#include "diff/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cfn/equality.hpp"
#include "cfn/secret_values.hpp"
#include "diff/compare.hpp"
#include "diff/impact.hpp"
#include "diff/mask.hpp"
#include "diff/security.hpp"
#include "diff/template_lookup.hpp"

namespace infrac::diff {
namespace {

// Sections whose entries are named declarations, compared name by name.
const std::set<std::string> kNamedSections = {"Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs"};

const Json kEmptyObject = Json::object();

// Every key of both objects: the new one's order, then keys only the old one has.
std::vector<std::string> union_keys(const Json& a, const Json& b) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const Json* o : {&b, &a}) {
    if (!o->is_object()) continue;
    for (auto it = o->begin(); it != o->end(); ++it) {
      if (seen.insert(it.key()).second) keys.push_back(it.key());
    }
  }
  return keys;
}

// A resource compared attribute by attribute; Properties as a map even where one side has none.
std::vector<ValueChange> compare_resource(const Json& a, const Json& b) {
  std::vector<ValueChange> out;
  std::vector<std::string> path;
  for (const std::string& key : union_keys(a, b)) {
    path.assign({key});
    const Json& x = member(a, key);
    const Json& y = member(b, key);
    if (key == "Properties") {
      compare_values(x.is_null() ? kEmptyObject : x, y.is_null() ? kEmptyObject : y, path, out);
    } else if (x.is_null() != y.is_null()) {
      ValueChange c;
      c.path = path;
      c.change = x.is_null() ? Change::Added : Change::Removed;
      c.old_value = x;
      c.new_value = y;
      out.push_back(std::move(c));
    } else {
      compare_values(x, y, path, out);
    }
  }
  return out;
}

void diff_named_section(const std::string& section, const Json& a, const Json& b, StackDiff& out) {
  for (const std::string& name : union_keys(a, b)) {
    const Json& x = member(a, name);
    const Json& y = member(b, name);
    // Added or removed by presence, not by value: a declaration written as null (a broken
    // template, but one that loads) is on both sides, not added on both.
    bool in_a = a.is_object() && a.contains(name);
    bool in_b = b.is_object() && b.contains(name);
    if (in_a && in_b && cfn::equal(x, y)) continue;
    DeclarationChange d;
    d.section = section;
    d.name = name;
    d.type = member(y.is_null() ? x : y, "Type").is_string() ? member(y.is_null() ? x : y, "Type").get<std::string>() : "";
    if (section != "Resources") d.type.clear();
    if (section == "Parameters") d.secret = cfn::is_no_echo(x) || cfn::is_no_echo(y);
    if (!in_a || !in_b) {
      d.change = !in_a ? Change::Added : Change::Removed;
      d.old_value = x;
      d.new_value = y;
      if (section == "Resources") d.action = !in_a ? Action::Create : Action::Delete;
    } else {
      d.change = Change::Modified;
      if (section == "Resources") {
        d.values = compare_resource(x, y);
      } else {
        std::vector<std::string> path;
        compare_values(x, y, path, d.values);
      }
    }
    if (d.secret) {
      for (auto& v : d.values) v.secret = !v.path.empty() && v.path.front() != "NoEcho" && v.path.front() != "Type";
    }
    out.changes.push_back(std::move(d));
  }
}

void diff_other_section(const std::string& section, const Json& a, const Json& b, StackDiff& out) {
  if (cfn::equal(a, b)) return;
  DeclarationChange d;
  d.section = section;
  d.change = a.is_null() ? Change::Added : b.is_null() ? Change::Removed : Change::Modified;
  std::vector<std::string> path;
  compare_values(a, b, path, d.values);
  out.changes.push_back(std::move(d));
}

// Each change's place in the infra source it came from: the new side's, the old side's
// for what was removed; a value's only where it is not its declaration's.
void add_sources(const StackPair& pair, StackDiff& out) {
  auto source = [&](bool removed, const cfn::JsonPointer& at) {
    const std::optional<StackVersion>& side = removed ? pair.old_version : pair.new_version;
    return side && side->source_of ? side->source_of(at) : std::string();
  };
  for (DeclarationChange& d : out.changes) {
    cfn::JsonPointer at = cfn::JsonPointer() / d.section;
    if (!d.name.empty()) at /= d.name;
    d.source = source(d.change == Change::Removed, at);
    for (ValueChange& v : d.values) {
      std::string place = source(v.change == Change::Removed, pointer_of(at, v.path));
      if (place != d.source) v.source = std::move(place);
    }
  }
}

PolicyChange compare_policies(const std::optional<Json>& a, const std::optional<Json>& b) {
  PolicyChange change;
  std::vector<std::string> path;
  compare_values(a ? *a : Json(nullptr), b ? *b : Json(nullptr), path, change.statements);
  return change;
}

}  // namespace

const std::vector<std::string>& section_order() {
  static const std::vector<std::string> order = {"AWSTemplateFormatVersion", "Description", "Transform", "Metadata",
                                                 "Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs"};
  return order;
}

namespace {

StackDiff diff_unmasked(const StackPair& pair, const DiffOptions& options) {
  StackDiff out;
  out.name = pair.name;
  out.old_exists = pair.old_version.has_value();
  out.new_exists = pair.new_version.has_value();
  Json a = out.old_exists ? cfn::normalise_template(pair.old_version->template_body) : Json::object();
  Json b = out.new_exists ? cfn::normalise_template(pair.new_version->template_body) : Json::object();

  std::vector<std::string> sections = section_order();
  for (const std::string& key : union_keys(a, b)) {
    if (std::find(sections.begin(), sections.end(), key) == sections.end()) sections.push_back(key);
  }
  for (const std::string& section : sections) {
    const Json& x = member(a, section);
    const Json& y = member(b, section);
    if (x.is_null() && y.is_null()) continue;
    if (kNamedSections.count(section)) {
      diff_named_section(section, x, y, out);
    } else {
      diff_other_section(section, x, y, out);
    }
  }

  for (const auto& p : options.parameters) {
    if (member(member(b, "Parameters"), p.name).is_object()) out.parameters_changed.push_back({p.name, p.how});
  }
  if (out.old_exists && out.new_exists) add_update_impact(b, options.spec, out);
  // Resources the impact reached were appended: put every change in section, then template, order.
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> position;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    std::vector<std::string> names = union_keys(member(a, sections[i]), member(b, sections[i]));
    for (std::size_t j = 0; j < names.size(); ++j) position[{sections[i], names[j]}] = {i, j};
  }
  auto rank = [&](const DeclarationChange& d) {
    auto it = position.find({d.section, d.name});
    if (it != position.end()) return it->second;
    return std::pair<std::size_t, std::size_t>(std::find(sections.begin(), sections.end(), d.section) - sections.begin(), 0);
  };
  std::stable_sort(out.changes.begin(), out.changes.end(),
                   [&](const DeclarationChange& x, const DeclarationChange& y) { return rank(x) < rank(y); });

  std::optional<Json> old_policy = out.old_exists ? pair.old_version->policy : std::nullopt;
  std::optional<Json> new_policy = out.new_exists ? pair.new_version->policy : std::nullopt;
  if (old_policy.has_value() != new_policy.has_value() || (old_policy && !cfn::equal(*old_policy, *new_policy))) {
    if (out.old_exists && out.new_exists) out.policy = compare_policies(old_policy, new_policy);
  }
  if (out.old_exists && out.new_exists) add_policy_verdicts(new_policy, out);

  SecurityInput security{a, b, old_policy, new_policy};
  add_security_findings(security, out);
  add_sources(pair, out);
  return out;
}

// The secrets of a set of stacks: the caller's, every NoEcho default of either side of any
// stack and the --param values of NoEcho parameters (one document shows every stack, and a
// secret may be written in another stack).
cfn::SecretValues secrets_of(const std::vector<const StackPair*>& pairs, const DiffOptions& options) {
  std::vector<std::string> values = options.secret_values;
  for (const StackPair* p : pairs) {
    for (const auto& version : {p->old_version, p->new_version}) {
      if (!version) continue;
      std::vector<std::string> defaults = cfn::no_echo_defaults(version->template_body);
      values.insert(values.end(), defaults.begin(), defaults.end());
      for (const auto& given : options.parameters) {
        if (cfn::is_no_echo(member(member(version->template_body, "Parameters"), given.name))) values.push_back(given.value);
      }
    }
  }
  return cfn::SecretValues(values);
}

}  // namespace

StackDiff diff_stack(const StackPair& pair, const DiffOptions& options) {
  StackDiff out = diff_unmasked(pair, options);
  mask_secrets(out, secrets_of({&pair}, options));
  return out;
}

Diff diff_stacks(const std::vector<StackPair>& pairs, const DiffOptions& options) {
  std::vector<const StackPair*> all;
  for (const auto& p : pairs) all.push_back(&p);
  cfn::SecretValues secrets = secrets_of(all, options);
  Diff diff;
  for (const auto& p : pairs) {
    diff.stacks.push_back(diff_unmasked(p, options));
    mask_secrets(diff.stacks.back(), secrets);
  }
  return diff;
}

}  // namespace infrac::diff
