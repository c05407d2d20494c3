#include "cfn/update_impact.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "cfn/attribute_changes.hpp"
#include "cfn/intrinsics.hpp"

namespace infrac::cfn {

std::string_view to_string(Effect effect) {
  switch (effect) {
    case Effect::None: return "none";
    case Effect::Modify: return "modify";
    case Effect::Conditional: return "conditional";
    case Effect::Replace: return "replace";
  }
  return "none";
}

const ImpactReason* ResourceImpact::main_reason() const {
  const ImpactReason* first = nullptr;
  for (const auto& r : reasons) {
    if (r.effect != effect) continue;
    if (r.certain) return &r;
    if (!first) first = &r;
  }
  return first;
}

const ResourceImpact* UpdateImpact::find(std::string_view logical_id) const {
  for (const auto& r : resources) {
    if (r.logical_id == logical_id) return &r;
  }
  return nullptr;
}

bool UpdateImpact::changes_anything() const {
  return std::any_of(resources.begin(), resources.end(), [](const ResourceImpact& r) { return r.effect != Effect::None; });
}

std::vector<std::string> property_names(const JsonPointer& below) {
  std::vector<std::string> names;
  for (const std::string& token : pointer_tokens(below)) {
    if (token != "Condition" && find_intrinsic(token)) break;
    if (!token.empty() && std::all_of(token.begin(), token.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) continue;
    names.push_back(token);
  }
  return names;
}

namespace {

std::string type_of(const Json& resource) {
  auto it = resource.find("Type");
  return it != resource.end() && it->is_string() ? it->get<std::string>() : "";
}

// `AutoScalingReplacingUpdate.WillReplace`: true, false, or not written as a literal.
std::optional<bool> group_will_replace(const Json& resource) {
  const Json* at = &resource;
  for (const char* key : {"UpdatePolicy", "AutoScalingReplacingUpdate", "WillReplace"}) {
    if (!at->is_object()) return false;
    auto it = at->find(key);
    if (it == at->end()) return false;
    at = &*it;
  }
  if (at->is_boolean()) return at->get<bool>();
  if (at->is_string()) {
    std::string text = at->get<std::string>();
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text == "true" || text == "false") return text == "true";
  }
  return std::nullopt;
}

// Where CloudFormation's documentation settles a conditional update for one type.
Effect resolve_conditional(const std::string& type, const Json& resource, const std::vector<std::string>& property,
                           bool* interruption) {
  if (type == "AWS::AutoScaling::AutoScalingGroup") {
    // Replaced only when the update policy asks for it; otherwise updated in place.
    std::optional<bool> replace = group_will_replace(resource);
    if (replace) return *replace ? Effect::Replace : Effect::Modify;
    return Effect::Conditional;
  }
  if (type == "AWS::EC2::Instance") {
    // "Update requires: some interruptions" for an EBS-backed instance: it is stopped and
    // started with the new value (its user data does not run again); not replaced.
    static const std::set<std::string> stop_start = {"UserData", "InstanceType", "EbsOptimized", "KernelId", "RamdiskId"};
    if (stop_start.count(property.front())) {
      if (interruption) *interruption = true;
      return Effect::Modify;
    }
    // In a VPC (the only kind new accounts have) security groups change without interruption.
    if (property.front() == "SecurityGroupIds") return Effect::Modify;
  }
  return Effect::Conditional;
}

}  // namespace

Effect property_effect(const ResourceSpec* spec, const Json& resource, const std::vector<std::string>& property, bool* interruption) {
  const std::string type = type_of(resource);
  if (property.empty() || !spec || !spec->find_type(type)) return Effect::Conditional;
  std::optional<UpdateBehavior> behaviour;
  // Free-form values (a policy document, a map of tags) end where the specification's names do.
  for (std::size_t n = property.size(); n > 0 && !behaviour; --n) {
    behaviour = spec->update_behavior(type, std::span<const std::string>(property.data(), n));
  }
  if (!behaviour) return Effect::Conditional;
  switch (*behaviour) {
    case UpdateBehavior::Mutable: return Effect::Modify;
    case UpdateBehavior::Immutable: return Effect::Replace;
    case UpdateBehavior::Conditional: return resolve_conditional(type, resource, property, interruption);
  }
  return Effect::Conditional;
}

namespace {

struct Carried {
  bool certain = true;
  ImpactReason::Cause cause = ImpactReason::Cause::Parameter;
  std::string via;
};

class ImpactSolver {
 public:
  ImpactSolver(const Json& body, const ResourceSpec* spec, const StartingChanges& changes) : spec_(spec), changes_(changes) {
    if (auto it = body.find("Resources"); body.is_object() && it != body.end() && it->is_object()) {
      for (const auto& [id, resource] : it->items()) {
        index_.emplace(id, resources_.size());
        resources_.push_back(&resource);
        ResourceImpact impact;
        impact.logical_id = id;
        impact.type = resource.is_object() ? type_of(resource) : "";
        out_.resources.push_back(std::move(impact));
      }
    }
    for (const auto& p : changes.parameters) {
      auto [it, inserted] = parameters_.emplace(p.name, p.certain);
      if (!inserted) it->second = it->second || p.certain;
    }
    references_ = template_references(body);
    // The fixed point below visits every reference once a round: split each path once.
    reference_tokens_.reserve(references_.size());
    for (const Reference& ref : references_) reference_tokens_.push_back(pointer_tokens(ref.path));
    solve_conditions(body);
  }

  UpdateImpact solve() {
    // Effects only grow (None < Modify < Conditional < Replace, possible < certain), so this ends.
    const std::size_t limit = 8 * resources_.size() + 8;
    for (std::size_t round = 0; round < limit; ++round) {
      std::vector<ResourceImpact> next = out_.resources;
      for (auto& r : next) {
        r.reasons.clear();
        r.effect = Effect::None;
        r.certain = false;
      }
      direct(next);
      for (std::size_t i = 0; i < references_.size(); ++i) carried(references_[i], reference_tokens_[i], next);
      for (auto& r : next) settle(r);
      bool same = std::equal(next.begin(), next.end(), out_.resources.begin(), [](const ResourceImpact& a, const ResourceImpact& b) {
        return a.effect == b.effect && a.certain == b.certain && a.reasons.size() == b.reasons.size();
      });
      out_.resources = std::move(next);
      if (same) break;
    }
    return std::move(out_);
  }

 private:
  const ResourceSpec* spec_;
  const StartingChanges& changes_;
  std::vector<const Json*> resources_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, bool> parameters_;  // name -> certain
  std::set<std::string> conditions_;        // may flip
  std::vector<Reference> references_;
  std::vector<std::vector<std::string>> reference_tokens_;  // references_[i].path, split
  UpdateImpact out_;

  // A condition may flip when its expression uses a changed parameter or a condition that may flip.
  void solve_conditions(const Json& body) {
    std::vector<std::string> order;
    if (auto it = body.find("Conditions"); body.is_object() && it != body.end() && it->is_object()) {
      for (const auto& [name, value] : it->items()) order.push_back(name);
    }
    for (bool progress = true; progress;) {
      progress = false;
      for (std::size_t i = 0; i < references_.size(); ++i) {
        const Reference& ref = references_[i];
        const std::vector<std::string>& tokens = reference_tokens_[i];
        if (tokens.size() < 2 || tokens[0] != "Conditions" || conditions_.count(tokens[1])) continue;
        bool flips = (ref.kind == ReferenceKind::Ref && parameters_.count(ref.name)) ||
                     (ref.kind == ReferenceKind::Condition && conditions_.count(ref.name));
        if (flips) progress = conditions_.insert(tokens[1]).second || progress;
      }
    }
    for (const auto& name : order) {
      if (conditions_.count(name)) out_.changed_conditions.push_back(name);
    }
  }

  void direct(std::vector<ResourceImpact>& next) {
    for (const auto& change : changes_.properties) {
      auto it = index_.find(change.resource);
      if (it == index_.end()) continue;
      ImpactReason reason;
      reason.cause = ImpactReason::Cause::Direct;
      reason.names = property_names(change.property);
      reason.property = JsonPointer("/Resources") / change.resource / "Properties";
      for (const auto& token : pointer_tokens(change.property)) reason.property /= token;
      reason.effect = property_effect(spec_, *resources_[it->second], reason.names, &reason.interruption);
      add(next[it->second], std::move(reason));
    }
  }

  // What a value reference carries, given the effects found so far.
  std::optional<Carried> carried_by(const Reference& ref, std::size_t self) const {
    if (ref.kind == ReferenceKind::Ref) {
      if (auto p = parameters_.find(ref.name); p != parameters_.end()) return Carried{p->second, ImpactReason::Cause::Parameter, ref.name};
    }
    auto it = index_.find(ref.name);
    if (it == index_.end() || it->second == self) return std::nullopt;
    const ResourceImpact& source = out_.resources[it->second];
    switch (source.effect) {
      case Effect::None:
        return std::nullopt;
      case Effect::Replace:
        return Carried{source.certain, ImpactReason::Cause::ReplacedResource, ref.name};
      case Effect::Conditional:
        return Carried{false, ImpactReason::Cause::ReplacedResource, ref.name};
      case Effect::Modify:
        break;
    }
    if (ref.kind == ReferenceKind::Ref) return std::nullopt;  // the physical id stays
    std::string via = ref.name + "." + (ref.attribute.empty() ? "…" : ref.attribute);
    switch (attribute_on_update(source.type, ref.attribute)) {
      case AttributeOnUpdate::Unchanged: return std::nullopt;
      case AttributeOnUpdate::Changes: return Carried{source.certain, ImpactReason::Cause::ChangedAttribute, via};
      case AttributeOnUpdate::Unknown: return Carried{false, ImpactReason::Cause::ChangedAttribute, via};
    }
    return std::nullopt;
  }

  void carried(const Reference& ref, const std::vector<std::string>& tokens, std::vector<ResourceImpact>& next) const {
    if (tokens.size() < 3 || tokens[0] != "Resources") return;
    auto it = index_.find(tokens[1]);
    if (it == index_.end()) return;
    const std::size_t self = it->second;
    ImpactReason reason;
    if (tokens[2] == "Condition" && ref.kind == ReferenceKind::Condition) {
      // The resource exists only while its condition holds: it may be created or deleted.
      if (!conditions_.count(ref.name)) return;
      reason.cause = ImpactReason::Cause::Condition;
      reason.via = ref.name;
      reason.certain = false;
      reason.effect = Effect::Conditional;
      reason.property = JsonPointer("/Resources") / tokens[1] / "Condition";
      reason.reference = ref;
      add(next[self], std::move(reason));
      return;
    }
    if (tokens[2] != "Properties" || tokens.size() < 4) return;
    if (ref.kind == ReferenceKind::Condition) {
      if (!conditions_.count(ref.name)) return;
      reason.cause = ImpactReason::Cause::Condition;
      reason.via = ref.name;
      reason.certain = false;
    } else if (ref.is_value()) {
      std::optional<Carried> c = carried_by(ref, self);
      if (!c) return;
      reason.cause = c->cause;
      reason.via = c->via;
      reason.certain = c->certain;
    } else {
      return;
    }
    JsonPointer below;
    reason.property = JsonPointer("/Resources") / tokens[1] / "Properties";
    for (std::size_t i = 3; i < tokens.size(); ++i) {
      if (tokens[i] != "Condition" && find_intrinsic(tokens[i])) break;
      below /= tokens[i];
      reason.property /= tokens[i];
    }
    reason.names = property_names(below);
    reason.effect = property_effect(spec_, *resources_[self], reason.names, &reason.interruption);
    reason.reference = ref;
    add(next[self], std::move(reason));
  }

  static void add(ResourceImpact& r, ImpactReason reason) {
    for (auto& existing : r.reasons) {
      if (existing.property == reason.property && existing.via == reason.via && existing.cause == reason.cause) {
        existing.certain = existing.certain || reason.certain;
        return;
      }
    }
    r.reasons.push_back(std::move(reason));
  }

  static void settle(ResourceImpact& r) {
    for (const auto& reason : r.reasons) {
      if (reason.effect > r.effect) {
        r.effect = reason.effect;
        r.certain = reason.certain;
      } else if (reason.effect == r.effect) {
        r.certain = r.certain || reason.certain;
      }
    }
  }
};

}  // namespace

std::vector<std::string> parameters_resolved_at_update(const Json& template_body) {
  std::vector<std::string> out;
  auto parameters = template_body.is_object() ? template_body.find("Parameters") : template_body.end();
  if (!template_body.is_object() || parameters == template_body.end() || !parameters->is_object()) return out;
  for (auto p = parameters->begin(); p != parameters->end(); ++p) {
    if (!p->is_object()) continue;
    auto type = p->find("Type");
    if (type != p->end() && type->is_string() && type->get<std::string>().starts_with("AWS::SSM::Parameter::Value<")) {
      out.push_back(p.key());
    }
  }
  return out;
}

UpdateImpact compute_update_impact(const Json& template_body, const ResourceSpec* spec, const StartingChanges& changes) {
  return ImpactSolver(template_body, spec, changes).solve();
}

}  // namespace infrac::cfn
