#include "diff/impact.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cfn/rebuild_proof.hpp"
#include "cfn/stack_policy.hpp"
#include "cfn/update_impact.hpp"
#include "diff/template_lookup.hpp"

namespace infrac::diff {
namespace {

Action action_of(cfn::Effect effect) {
  switch (effect) {
    case cfn::Effect::None: return Action::None;
    case cfn::Effect::Modify: return Action::Modify;
    case cfn::Effect::Conditional: return Action::Conditional;
    case cfn::Effect::Replace: return Action::Replace;
  }
  return Action::Conditional;
}

// The property names of a value's path below Properties, as a JSON pointer for the
// impact (list items as their position; a keyed item's position does not matter there).
std::optional<cfn::JsonPointer> property_pointer(const std::vector<std::string>& path) {
  if (path.size() < 2 || path.front() != "Properties") return std::nullopt;
  return pointer_of(cfn::JsonPointer(), std::vector<std::string>(path.begin() + 1, path.end()), "0");
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ".") + n;
  return out;
}

std::string describe(const cfn::ImpactReason& r) {
  std::string where = r.names.empty() ? "" : fmt::format(" in `{}`", joined(r.names));
  const char* may = r.certain ? "" : "may ";
  switch (r.cause) {
    case cfn::ImpactReason::Cause::Parameter:
      return fmt::format("uses parameter `{}`{}, which {}", r.via, where, r.certain ? "changes" : "may change");
    case cfn::ImpactReason::Cause::ReplacedResource:
      return fmt::format("uses `{}`{}, which {}", r.via, where, r.certain ? "is replaced" : "may be replaced");
    case cfn::ImpactReason::Cause::ChangedAttribute:
      return fmt::format("uses `{}`{}, which {}change{} when its resource is modified", r.via, where, may,
                         r.certain ? "s" : "");
    case cfn::ImpactReason::Cause::Condition:
      return fmt::format("depends on condition `{}`, which may change", r.via);
    case cfn::ImpactReason::Cause::Direct:
      break;
  }
  return fmt::format("`{}` changes", joined(r.names));
}

// What the action means for running servers: the group's instances replaced by its update
// policy (cfn/rebuild_proof.hpp decides), or an instance stopped and started.
void add_fleet_notes(const cfn::ResourceImpact& r, const Json& resource, DeclarationChange& d) {
  if (r.type == "AWS::AutoScaling::AutoScalingGroup" && r.effect != cfn::Effect::Replace) {
    cfn::GroupProof group = cfn::prove_group(r.logical_id, resource, r);
    using P = cfn::GroupProof::UpdatePolicy;
    if (group.replaces_instances && group.update_policy == P::RollingUpdate) {
      d.notes.push_back(fmt::format("every instance is replaced by the rolling update ({} at a time, at least {} in service)",
                                    group.max_batch_size ? std::to_string(*group.max_batch_size) : "some",
                                    group.min_instances_in_service ? std::to_string(*group.min_instances_in_service) : "some"));
    } else if (group.replaces_instances) {
      d.notes.push_back("every instance is replaced: AutoScalingReplacingUpdate creates a new group");
    } else if (group.launch_reached) {
      d.notes.push_back("the group points at the new launch version, but no update policy replaces its instances: "
                        "running instances keep the old one");
    }
  }
  if (r.type == "AWS::EC2::Instance" && r.effect == cfn::Effect::Modify &&
      std::any_of(r.reasons.begin(), r.reasons.end(), [](const cfn::ImpactReason& x) { return x.interruption; })) {
    d.notes.push_back("the instance is stopped and started (an update with interruption); new user data does not run again");
  }
}

}  // namespace

void add_update_impact(const Json& new_template, const ResourceSpec* spec, StackDiff& out) {
  cfn::StartingChanges start;
  for (const auto& p : out.parameters_changed) start.parameters.push_back({p.name, true});
  // An update resolves SSM-typed parameters again (the newest AMI, ...): they may change,
  // whenever the stack is updated at all.
  if (!out.changes.empty() || !out.parameters_changed.empty()) {
    for (const std::string& name : cfn::parameters_resolved_at_update(new_template)) {
      if (std::any_of(out.parameters_changed.begin(), out.parameters_changed.end(),
                      [&](const ParameterChange& p) { return p.name == name; }))
        continue;
      start.parameters.push_back({name, false});
      out.parameters_resolved.push_back(name);
    }
  }
  std::map<std::string, std::size_t> resource_change;  // logical id -> index in out.changes
  for (std::size_t i = 0; i < out.changes.size(); ++i) {
    DeclarationChange& d = out.changes[i];
    if (d.section != "Resources") continue;
    resource_change[d.name] = i;
    if (d.change != Change::Modified) continue;
    const Json& resource = resource_in(new_template, d.name);
    for (ValueChange& v : d.values) {
      if (auto pointer = property_pointer(v.path)) {
        start.properties.push_back({d.name, *pointer});
        v.effect = action_of(cfn::property_effect(spec, resource, cfn::property_names(*pointer)));
      } else if (v.path.front() == "Type") {
        v.effect = Action::Replace;  // a new type is a new resource
        d.action = Action::Replace;
        d.replaced_by.push_back("Type");
      } else if (v.path.front() == "Condition") {
        v.effect = Action::Conditional;  // the resource may be created or deleted
        d.action = std::max(d.action, Action::Conditional);
        d.certain = false;
      }
    }
  }
  cfn::UpdateImpact impact = cfn::compute_update_impact(new_template, spec, start);
  for (const cfn::ResourceImpact& r : impact.resources) {
    if (r.effect == cfn::Effect::None) continue;
    auto found = resource_change.find(r.logical_id);
    if (found == resource_change.end()) {
      DeclarationChange d;
      d.section = "Resources";
      d.name = r.logical_id;
      d.type = r.type;
      d.change = Change::Modified;
      out.changes.push_back(std::move(d));
      found = resource_change.emplace(r.logical_id, out.changes.size() - 1).first;
    }
    DeclarationChange& d = out.changes[found->second];
    if (d.change != Change::Modified) continue;
    Action action = action_of(r.effect);
    if (action > d.action) {
      d.action = action;
      d.certain = r.certain;
    }
    for (const cfn::ImpactReason& reason : r.reasons) {
      if (reason.cause == cfn::ImpactReason::Cause::Direct) {
        if (reason.effect == cfn::Effect::Replace || reason.effect == cfn::Effect::Conditional) {
          std::string path = "Properties." + joined(reason.names);
          if (std::find(d.replaced_by.begin(), d.replaced_by.end(), path) == d.replaced_by.end()) d.replaced_by.push_back(path);
        }
        continue;
      }
      Reason why{describe(reason), action_of(reason.effect), reason.certain};
      bool seen = std::any_of(d.reasons.begin(), d.reasons.end(), [&](const Reason& x) { return x.text == why.text; });
      if (!seen) d.reasons.push_back(std::move(why));
    }
    // What certainly happens first, then what may.
    std::stable_partition(d.reasons.begin(), d.reasons.end(), [](const Reason& x) { return x.certain; });
    add_fleet_notes(r, resource_in(new_template, r.logical_id), d);
  }
  // A change the impact leaves at None (Metadata, DeletionPolicy, ...) updates the template only.
}

void add_policy_verdicts(const std::optional<Json>& policy, StackDiff& out) {
  std::optional<cfn::StackPolicy> parsed;
  if (policy) parsed = cfn::parse_stack_policy(*policy);
  out.policy_judged = parsed.has_value();
  for (DeclarationChange& d : out.changes) {
    if (d.section != "Resources") continue;
    std::optional<cfn::PolicyAction> action;
    if (d.action == Action::Modify) action = cfn::PolicyAction::Modify;
    if (d.action == Action::Replace || d.action == Action::Conditional) action = cfn::PolicyAction::Replace;
    if (d.action == Action::Delete) action = cfn::PolicyAction::Delete;
    if (!action) continue;  // creation is not governed by a stack policy
    Verdict v;
    v.policy_action = std::string(cfn::to_string(*action));
    if (!parsed) {
      v.allowed = true;
      v.decided_by = "no stack policy: every update is allowed";
    } else {
      cfn::PolicyVerdict pv = parsed->evaluate(d.name, d.type, *action);
      v.allowed = pv.allowed;
      if (pv.statement && *pv.statement < parsed->statements.size()) {
        const cfn::PolicyStatement& s = parsed->statements[*pv.statement];
        std::string actions, resources;
        for (const auto& a : s.actions) actions += (actions.empty() ? "" : ", ") + a;
        for (const auto& r : s.resources) resources += (resources.empty() ? "" : ", ") + r;
        v.decided_by = fmt::format("statement {} ({} {} on {}{})", *pv.statement + 1, s.allow ? "Allow" : "Deny", actions,
                                   s.not_resource ? "all but " : "", resources);
      } else {
        v.decided_by = "no statement allows it";
      }
    }
    d.verdict = std::move(v);
  }
}

}  // namespace infrac::diff
