#pragma once
// Update impact: what CloudFormation does to each resource of a template when some
// inputs change, propagated through references to a fixed point. Written once,
// over the template model, for the rebuild proof (a parameter changes), `infrac
// diff` (properties change) and the deploy step's rebuild.
//
// Usage:
//   cfn::StartingChanges start;
//   start.parameters.push_back({"RebuildTimestamp"});                  // a parameter's value changes
//   start.properties.push_back({"AppQueue", JsonPointer("/VisibilityTimeout")});  // diff: a property changed
//   cfn::UpdateImpact impact = cfn::compute_update_impact(template_body, &spec, start);
//   for (const auto& r : impact.resources) if (r.effect != cfn::Effect::None) ...
//
// Rules:
// - A changed property's effect is the specification's update behaviour at its path
//   (the strictest along it): mutable = Modify, createOnly = Replace, conditional =
//   Conditional, except where the resource itself decides (an Auto Scaling group with
//   `AutoScalingReplacingUpdate.WillReplace` is replaced, else modified; an EC2
//   instance's user data, type or EBS optimisation stop and start it: Modify, with
//   `interruption`). A type or property the specification does not know is Conditional.
// - A value reference carries a change when it names: a changed parameter; a replaced
//   resource (Ref and every attribute change); a conditionally replaced resource
//   (possibly); an attribute of a modified resource that cfn/attribute_changes.hpp says
//   changes (certainly) or does not know (possibly). Ref of a modified resource does not
//   change. A condition whose expression uses a changed parameter possibly flips: the
//   `Fn::If` properties on it possibly change, and the resources on it may be created
//   or deleted (Conditional).
// - Possible changes stay possible: "may change" is never reported as no change, and a
//   resource's effect says whether some reason for it is certain.
// - References in Metadata, UpdatePolicy, CreationPolicy and DependsOn do not update a
//   resource by themselves (CloudFormation updates none on those alone).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"
#include "cfn/references.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::cfn {

// Ordered: a resource's effect is the strongest of its reasons.
enum class Effect { None, Modify, Conditional, Replace };
std::string_view to_string(Effect effect);  // "none", "modify", "conditional", "replace"

struct ParameterChange {
  std::string name;
  bool certain = true;  // false: it may change (an SSM-typed parameter is resolved again at every update)
};

struct PropertyChange {
  std::string resource;  // logical id
  JsonPointer property;  // below the resource's Properties: "/LaunchTemplateData/UserData"
};

struct StartingChanges {
  std::vector<ParameterChange> parameters;
  std::vector<PropertyChange> properties;
};

struct ImpactReason {
  enum class Cause {
    Direct,            // the property itself changed (a PropertyChange)
    Parameter,         // it uses a changed parameter (`via` = the parameter)
    ReplacedResource,  // it uses a resource that is (or may be) replaced (`via` = the resource)
    ChangedAttribute,  // it uses an attribute that changes (or may) in place (`via` = "Res.Attr")
    Condition,         // an Fn::If on, or the resource's Condition, is a condition that may flip (`via` = it)
  };
  Cause cause = Cause::Direct;
  Effect effect = Effect::None;
  bool certain = true;
  bool interruption = false;        // an update with interruption (an EC2 instance stopped and started)
  JsonPointer property;             // the property that changes: /Resources/X/Properties/LaunchTemplateData/UserData
  std::vector<std::string> names;   // its property names below Properties: LaunchTemplateData, UserData
  std::string via;
  std::optional<Reference> reference;  // the reference that carries the change (its path is where it is written)
};

struct ResourceImpact {
  std::string logical_id;
  std::string type;
  Effect effect = Effect::None;
  bool certain = false;  // some reason with `effect` is certain
  std::vector<ImpactReason> reasons;  // every distinct reason, in the order found

  // The first certain reason with the resource's effect, else the first with it (null for None).
  const ImpactReason* main_reason() const;
};

struct UpdateImpact {
  std::vector<ResourceImpact> resources;  // every resource of the template, in template order
  std::vector<std::string> changed_conditions;  // conditions whose value may change, in template order

  const ResourceImpact* find(std::string_view logical_id) const;
  bool changes_anything() const;
};

// The parameters CloudFormation resolves again at every update, whatever values are given:
// those typed `AWS::SSM::Parameter::Value<...>` (shared/DECISIONS.md "Rebuild"). Each may
// change at any update: start them as ParameterChange{name, false}.
std::vector<std::string> parameters_resolved_at_update(const Json& template_body);

// `spec` may be null: every property is then Conditional (unknown).
UpdateImpact compute_update_impact(const Json& template_body, const ResourceSpec* spec, const StartingChanges& changes);

// The effect of a change of `property` (names below Properties) of resource `resource`
// (its template JSON) alone; `interruption` is set for an update with interruption.
Effect property_effect(const ResourceSpec* spec, const Json& resource, const std::vector<std::string>& property, bool* interruption = nullptr);

// The property names of a path below a resource's Properties, up to the first
// intrinsic function and without list indices: /A/0/B/Fn::If/1 -> A, B.
std::vector<std::string> property_names(const JsonPointer& below_properties);

}  // namespace infrac::cfn
