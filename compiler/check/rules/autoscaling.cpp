#include "check/rules/autoscaling.hpp"

#include "ast/lookup.hpp"
#include "check/instance_notes.hpp"
#include "diagnostics/warning_kinds.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <optional>

namespace infrac {
namespace {

// A number the compiler can know: a literal, or a parameter's default.
struct KnownNumber {
  double value = 0;
  bool from_default = false;
};

std::optional<KnownNumber> known_number(const ast::Expr& e, const StackSymbols& symbols) {
  auto parse = [](const std::string& text) -> std::optional<double> {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') return std::nullopt;
    return v;
  };
  if (e.kind == ast::Expr::Kind::Number || e.kind == ast::Expr::Kind::String) {
    if (auto v = parse(e.text)) return KnownNumber{*v, false};
  }
  if (e.kind == ast::Expr::Kind::Reference && e.attribute.empty()) {
    auto it = symbols.parameters.find(e.name);
    if (it == symbols.parameters.end()) return std::nullopt;
    const ast::Expr* d = it->second->default_value ? &*it->second->default_value : nullptr;
    for (const auto& a : it->second->attributes) {
      if (a.keyword == "default") d = &a.value;
    }
    if (d && (d->kind == ast::Expr::Kind::Number || d->kind == ast::Expr::Kind::String)) {
      if (auto v = parse(d->text)) return KnownNumber{*v, true};
    }
  }
  return std::nullopt;
}

// CloudFormation refuses a group whose DesiredCapacity lies outside [MinSize, MaxSize];
// only literals are compared, since a parameter's default may be overridden.
void check_desired_capacity(const ast::Resource& group, const StackSymbols& symbols, Diagnostics& diagnostics) {
  auto literal = [&](const char* name) -> std::optional<std::pair<double, const ast::Property*>> {
    const ast::Property* p = ast::find_property(group, name);
    if (!p || p->value.kind == ast::Expr::Kind::Reference) return std::nullopt;
    auto n = known_number(p->value, symbols);
    if (!n) return std::nullopt;
    return std::pair{n->value, p};
  };
  auto desired = literal("DesiredCapacity");
  if (!desired) return;
  for (auto [bound, below] : {std::pair{"MinSize", true}, std::pair{"MaxSize", false}}) {
    auto limit = literal(bound);
    if (!limit || (below ? desired->first >= limit->first : desired->first <= limit->first)) continue;
    auto& d = diagnostics.error(desired->second->value.span, fmt::format("DesiredCapacity {} is {} {} {}", desired->first,
                                                                         below ? "below" : "above", bound, limit->first));
    d.notes.push_back({limit->second->value.span, fmt::format("`{}` is set here; CloudFormation refuses a desired capacity outside "
                                                              "[MinSize, MaxSize]", bound)});
  }
}

void check_group(const ast::Resource& group, const StackSymbols& symbols, Diagnostics& diagnostics) {
  const char* sources[] = {"LaunchTemplate", "LaunchConfigurationName", "MixedInstancesPolicy", "InstanceId"};
  std::vector<const ast::Property*> given;
  for (const char* name : sources) {
    if (const ast::Property* p = ast::find_property(group, name)) given.push_back(p);
  }
  if (given.empty()) {
    auto& d = diagnostics.error(group.name_span, "Auto Scaling group `" + group.name + "` has nothing to launch");
    d.notes.push_back({std::nullopt, "give it a `LaunchTemplate` (or, on older accounts, a `LaunchConfigurationName`)"});
  } else if (given.size() > 1) {
    auto& d = diagnostics.error(given[1]->name_span, "Auto Scaling group `" + group.name + "` takes one of `LaunchTemplate`, "
                                                     "`LaunchConfigurationName`, `MixedInstancesPolicy` and `InstanceId`, not both `" +
                                                         given[0]->name + "` and `" + given[1]->name + "`");
    d.notes.push_back({given[0]->name_span, "`" + given[0]->name + "` is given here"});
  }
  if (!ast::find_property(group, "VPCZoneIdentifier") && !ast::find_property(group, "AvailabilityZones")) {
    auto& d = diagnostics.error(group.name_span, "Auto Scaling group `" + group.name + "` needs `VPCZoneIdentifier` (subnets) or `AvailabilityZones`");
    d.notes.push_back({std::nullopt, "without either, CloudFormation cannot tell where to launch instances"});
  }
  const ast::Property* max_size = ast::find_property(group, "MaxSize");
  const ast::Property* min_size = ast::find_property(group, "MinSize");
  std::optional<KnownNumber> max = max_size ? known_number(max_size->value, symbols) : std::nullopt;
  if (max && min_size) {
    double max_value = max->value;
    if (auto min = known_number(min_size->value, symbols); min && min->value > max_value) {
      double min_value = min->value;
      diagnostics.error(min_size->value.span, fmt::format("MinSize {} is greater than MaxSize {}", min_value, max_value));
    }
  }
  check_desired_capacity(group, symbols, diagnostics);
  for (const auto& a : group.attributes) {
    if (a.keyword != "update_policy") continue;
    const ast::Expr* rolling = ast::find_entry(a.value, "AutoScalingRollingUpdate");
    const ast::Expr* in_service = rolling ? ast::find_entry(*rolling, "MinInstancesInService") : nullptr;
    if (!in_service || !max) continue;
    auto min = known_number(*in_service, symbols);
    const KnownNumber limit = *max;
    if (min && min->value >= limit.value) {
      const double in_service_value = min->value;
      auto& d = diagnostics.error(in_service->span, fmt::format("MinInstancesInService {} must be less than MaxSize {}: a rolling update "
                                                                "could never take an instance out of service", in_service_value, limit.value));
      if (max->from_default) d.notes.push_back({max_size->value.span, "MaxSize comes from this parameter's default"});
    }
  }
}

}  // namespace

void check_autoscaling_rules(const ast::Stack& stack, const StackSymbols& symbols, Diagnostics& diagnostics) {
  for (const auto& r : stack.resources) {
    InstanceNotes notes(diagnostics, r.instantiated_at);
    if (r.type.text == "AWS::AutoScaling::AutoScalingGroup") check_group(r, symbols, diagnostics);
    if (r.type.text == "AWS::AutoScaling::LaunchConfiguration") {
      auto& d = diagnostics.warning(r.type.span, "launch configurations are no longer available to new AWS accounts",
                                    warning_kind::kLaunchConfiguration);
      d.notes.push_back({std::nullopt, "prefer `AWS::EC2::LaunchTemplate`; existing accounts and fleets can keep this one"});
    }
  }
}

}  // namespace infrac
