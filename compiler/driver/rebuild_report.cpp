#include "driver/rebuild_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace infrac {
namespace {

using cfn::Effect;
using cfn::GroupProblem;
using cfn::GroupProof;
using cfn::ImpactReason;
using cfn::JsonPointer;

std::string quoted(const std::string& name) { return "`" + name + "`"; }

// "`A`", "`A` and `B`", "`A`, `B` and `C`"
std::string listing(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += quoted(names[i]);
  }
  return out;
}

class Reporter {
 public:
  Reporter(const LoweredStack& stack, const cfn::RebuildProof& proof, Diagnostics& diagnostics)
      : stack_(stack), proof_(proof), diagnostics_(diagnostics) {
    rebuild_ = fmt::format("a rebuild of stack `{}` (a change of `{}` alone)", stack.name, proof.parameter);
  }

  void report() {
    if (!proof_.parameter_declared) return;  // the driver reports a parameter no stack declares
    bool failed = false;
    if (proof_.changes_nothing()) {
      auto& d = add(Severity::Error, parameter_at(), rebuild_ + " changes no resource, so it replaces no instance");
      d.notes.push_back({std::nullopt, fmt::format("use `{}` where its change rebuilds the servers: in the user data of the launch "
                                                   "template of each Auto Scaling group (`<<{}>>`)", proof_.parameter, proof_.parameter)});
      failed = true;
    }
    failed |= policy_denials();
    for (const auto& g : proof_.groups) failed |= group(g);
    for (const auto& i : proof_.instances) failed |= instance(i);
    wider_allowances();
    if (!failed) summary();
  }

 private:
  const LoweredStack& stack_;
  const cfn::RebuildProof& proof_;
  Diagnostics& diagnostics_;
  std::string rebuild_;

  std::optional<Span> at(const JsonPointer& pointer) const { return stack_.template_sources.find(pointer); }
  std::optional<Span> parameter_at() const { return at(JsonPointer("/Parameters") / proof_.parameter); }
  std::optional<Span> resource_at(const std::string& id) const { return at(JsonPointer("/Resources") / id); }

  Diagnostic& add(Severity severity, std::optional<Span> span, std::string message) {
    Diagnostic d{severity, span, span ? "" : stack_.name, std::move(message), {}, {}};
    return diagnostics_.add(std::move(d));
  }

  const cfn::ResourceImpact& impact_of(const std::string& id) const { return *proof_.impact.find(id); }

  // "`X` changes because its property `A.B` uses `P`", at the reference that carries the change.
  DiagnosticNote why(const cfn::ResourceImpact& r, const ImpactReason* reason = nullptr) const {
    if (!reason) reason = r.main_reason();
    if (!reason) return {resource_at(r.logical_id), quoted(r.logical_id) + " changes"};
    std::string property = reason->names.empty() ? "" : fmt::format("its property `{}` ", fmt::join(reason->names, "."));
    std::string what;
    switch (reason->cause) {
      case ImpactReason::Cause::Direct:
        what = property + "changes";
        break;
      case ImpactReason::Cause::Parameter:
        what = property + "uses " + quoted(reason->via) +
               (reason->certain ? "" : ", an SSM parameter that CloudFormation resolves again at every update");
        break;
      case ImpactReason::Cause::ReplacedResource:
        what = fmt::format("{}uses `{}`, which changes when `{}` is {}", property, reason->via, reason->via,
                           reason->certain ? "replaced" : "replaced (it may be)");
        break;
      case ImpactReason::Cause::ChangedAttribute: {
        std::string owner = reason->via.substr(0, reason->via.find('.'));
        what = fmt::format("{}uses `{}`, which {} when `{}` is modified", property, reason->via, reason->certain ? "changes" : "may change",
                           owner);
        break;
      }
      case ImpactReason::Cause::Condition:
        what = reason->names.empty() ? fmt::format("it exists only while condition `{}` holds, which may change", reason->via)
                                     : fmt::format("{}depends on condition `{}`, which may change", property, reason->via);
        break;
    }
    std::optional<Span> span = reason->reference ? stack_.template_sources.find(*reason->reference) : at(reason->property);
    return {span, quoted(r.logical_id) + " changes because " + what};
  }

  static std::string verb(Effect effect, bool certain) {
    switch (effect) {
      case Effect::Replace: return certain ? "replace" : "may replace";
      case Effect::Conditional: return "may replace";
      case Effect::Modify: return certain ? "modify" : "may modify";
      case Effect::None: break;
    }
    return "change";
  }

  bool policy_denials() {
    bool failed = false;
    std::vector<std::string> reported;
    for (const auto& check : proof_.policy) {
      if (check.verdict.allowed) continue;
      failed = true;
      const cfn::ResourceImpact& r = impact_of(check.logical_id);
      std::string action(cfn::to_string(check.action));
      bool replace = check.action == cfn::PolicyAction::Replace;
      std::string would = replace ? (r.effect == Effect::Replace && r.certain ? "would replace" : "may replace")
                                  : (r.certain ? "would modify" : "may modify");
      auto& d = add(Severity::Error, resource_at(r.logical_id),
                    fmt::format("a rebuild (a change of `{}` alone) {} `{}`, but the stack policy of `{}` denies {}: the update would fail "
                                "half-way",
                                proof_.parameter, would, r.logical_id, stack_.name, action));
      d.notes.push_back(why(r));
      if (check.verdict.decided == cfn::Decision::Denied && check.verdict.statement) {
        d.notes.push_back({stack_.policy_sources.find(JsonPointer("/Statement") / *check.verdict.statement),
                           "this statement denies it; an allow cannot override a deny"});
      } else {
        d.notes.push_back({std::nullopt, fmt::format("allow it: `allow {} {}`", replace ? "replace" : "modify", r.logical_id)});
      }
    }
    return failed;
  }

  // The launch change that reaches a group, for the wording: "launch template version" or "launch configuration".
  static std::string launch_word(const cfn::ResourceImpact& r) {
    for (const auto& reason : r.reasons) {
      if (!reason.names.empty() && reason.names.front() == "LaunchConfigurationName") return "launch configuration";
    }
    return "launch template version";
  }

  // An error for a group whose instances stay: why the group changes, and the fix.
  void stays(std::optional<Span> where, const cfn::ResourceImpact& r, std::string message, std::string fix) {
    auto& d = add(Severity::Error, where, std::move(message));
    d.notes.push_back(why(r));
    d.notes.push_back({std::nullopt, std::move(fix)});
  }

  bool group(const GroupProof& g) {
    bool failed = false;
    const cfn::ResourceImpact& r = impact_of(g.logical_id);
    const std::string fix_policy = fmt::format(
        "add to `{}`: `update_policy {{ AutoScalingRollingUpdate: {{ MinInstancesInService: 1, MaxBatchSize: 1 }} }}`, with a "
        "`PauseTime` that covers the launch hook (std/aws/rebuild's `RebuildTier` has it all)",
        g.logical_id);
    for (const auto& problem : g.problems) {
      std::optional<Span> where = at(problem.where);
      switch (problem.kind) {
        case GroupProblem::Kind::NoUpdatePolicy:
          stays(where, r, fmt::format("{} replaces no instance of `{}`: the group has no update policy, so CloudFormation only points it "
                                      "at the new {} and every running instance stays",
                                      rebuild_, g.logical_id, launch_word(r)),
                fix_policy);
          break;
        case GroupProblem::Kind::ReplacingWithoutWillReplace:
          stays(where, r, fmt::format("{} replaces no instance of `{}`: its `AutoScalingReplacingUpdate` does not set `WillReplace: true`, "
                                      "and it has no `AutoScalingRollingUpdate`",
                                      rebuild_, g.logical_id),
                "set `WillReplace: true` (a new group on every rebuild), or " + fix_policy);
          break;
        case GroupProblem::Kind::LaunchNotReached:
          stays(where, r, fmt::format("{} modifies `{}` but replaces none of its instances: the change does not reach its launch template "
                                      "or launch configuration",
                                      rebuild_, g.logical_id),
                fmt::format("use `{}` in the user data of the group's launch template, so that every rebuild makes a new version and the "
                            "update policy replaces the instances",
                            proof_.parameter));
          break;
        case GroupProblem::Kind::MinInServiceNotBelowMax:
          add(Severity::Error, where,
              fmt::format("the rolling update of `{}` cannot finish: `MinInstancesInService` {} is not below `MaxSize` {}, so no "
                          "instance can be taken out of service",
                          g.logical_id, problem.value, problem.limit));
          break;
        case GroupProblem::Kind::BatchSizeBelowOne:
          add(Severity::Error, where,
              fmt::format("the rolling update of `{}` replaces no instance: `MaxBatchSize` is {}, and must be at least 1", g.logical_id,
                          problem.value));
          break;
        case GroupProblem::Kind::PauseShorterThanHeartbeat: {
          auto& d = add(Severity::Warning, where,
                        fmt::format("the rolling update of `{}` pauses {} seconds per batch, less than the launch hook's heartbeat timeout "
                                    "of {} seconds: the next batch may start while the last one is still booting",
                                    g.logical_id, problem.value, problem.limit));
          d.notes.push_back({std::nullopt, fmt::format("make `PauseTime` at least `PT{}S`", problem.limit)});
          break;
        }
        case GroupProblem::Kind::NotReached: {
          auto& d = add(Severity::Warning, where, fmt::format("{} does not reach `{}`: its instances are not replaced", rebuild_, g.logical_id));
          if (g.max_instance_lifetime) {
            d.notes.push_back({std::nullopt, fmt::format("its `MaxInstanceLifetime` still replaces each within {} seconds", *g.max_instance_lifetime)});
          } else {
            d.notes.push_back({std::nullopt, fmt::format("use `{}` in its launch template's user data, or give it a `MaxInstanceLifetime`",
                                                         proof_.parameter)});
          }
          break;
        }
      }
      failed |= problem.error;
    }
    return failed;
  }

  bool instance(const cfn::InstanceProof& i) {
    if (i.effect == Effect::Replace) return false;
    const cfn::ResourceImpact& r = impact_of(i.logical_id);
    const ImpactReason* reason = r.main_reason();
    bool user_data = reason && !reason->names.empty() && reason->names.front() == "UserData";
    std::string message;
    if (i.interruption && user_data) {
      message = fmt::format("{} does not replace instance `{}`: CloudFormation applies new user data by stopping and starting it (an "
                            "update with some interruption), and the new user data does not run at boot",
                            rebuild_, i.logical_id);
    } else {
      message = fmt::format("{} {} instance `{}` in place: it is not replaced, so it keeps running what it booted with", rebuild_,
                            i.effect == Effect::Conditional ? "may update" : r.certain ? "modifies" : "may modify", i.logical_id);
    }
    auto& d = add(Severity::Error, resource_at(i.logical_id), message);
    d.notes.push_back(why(r));
    d.notes.push_back({std::nullopt, "run it in an Auto Scaling group with a rolling update (std/aws/rebuild's `RebuildTier`), which "
                                     "replaces it on every rebuild"});
    return true;
  }

  // One warning per infra statement (lowering may split one into several JSON statements).
  void wider_allowances() {
    std::vector<std::pair<std::optional<Span>, std::vector<std::string>>> by_statement;
    for (const auto& w : proof_.wider) {
      std::optional<Span> span = stack_.policy_sources.find(JsonPointer("/Statement") / w.statement);
      auto same = [&](const auto& entry) {
        return entry.first && span && entry.first->file == span->file && entry.first->begin == span->begin && entry.first->end == span->end;
      };
      auto it = std::find_if(by_statement.begin(), by_statement.end(), same);
      if (it == by_statement.end()) it = by_statement.insert(by_statement.end(), {span, {}});
      for (const auto& name : w.resources) {
        if (std::find(it->second.begin(), it->second.end(), name) == it->second.end()) it->second.push_back(name);
      }
    }
    for (const auto& [span, names] : by_statement) {
      std::vector<std::string> shown;
      for (const auto& n : names) shown.push_back(quoted(n));
      auto& d = add(Severity::Warning, span,
                    fmt::format("this statement allows updates that a rebuild (a change of `{}`) never makes, to {}", proof_.parameter,
                                fmt::join(shown, ", ")));
      d.notes.push_back({std::nullopt, "a stack policy protects best when it allows exactly what the rebuild changes"});
    }
  }

  void summary() {
    std::vector<std::string> groups;
    std::vector<std::string> lifetimes;
    for (const auto& g : proof_.groups) {
      if (!g.replaces_instances) continue;
      if (g.update_policy == GroupProof::UpdatePolicy::RollingUpdate && g.effect != Effect::Replace) {
        std::string how = "every instance of " + quoted(g.logical_id);
        if (g.max_batch_size) how += fmt::format(" in batches of {}", *g.max_batch_size);
        if (g.min_instances_in_service) how += fmt::format(", keeping {} in service", *g.min_instances_in_service);
        groups.push_back(how);
      } else {
        groups.push_back(fmt::format("every instance of `{}` with a new group", g.logical_id));
      }
      if (g.max_instance_lifetime) {
        lifetimes.push_back(fmt::format("`{}` also replaces every instance older than {} seconds (`MaxInstanceLifetime`), even when no "
                                        "rebuild runs",
                                        g.logical_id, *g.max_instance_lifetime));
      }
    }
    // The effects by verb, in template order within each.
    std::map<std::string, std::vector<std::string>> by_verb;
    const std::vector<std::string> order = {"replaces", "may replace", "modifies", "may modify"};
    for (const auto& r : proof_.impact.resources) {
      if (r.effect == Effect::None) continue;
      std::string v = verb(r.effect, r.certain);
      by_verb[v == "replace" ? "replaces" : v == "modify" ? "modifies" : v].push_back(r.logical_id);
    }
    std::vector<std::string> effects;
    for (const auto& v : order) {
      if (by_verb.count(v)) effects.push_back(v + " " + listing(by_verb[v]));
    }
    std::string message = rebuild_ + " ";
    if (!groups.empty()) message += "replaces " + fmt::format("{}", fmt::join(groups, " and ")) + "; it ";
    message += fmt::format("{}; the stack policy allows {}", fmt::join(effects, ", "), proof_.wider.empty() ? "exactly that" : "it, and more");
    auto& d = add(Severity::Note, parameter_at(), message);
    for (const auto& l : lifetimes) d.notes.push_back({std::nullopt, l});
    if (!proof_.may_change_parameters.empty()) {
      d.notes.push_back({std::nullopt, fmt::format("{} {} resolved again from Parameter Store at every update: a rebuild picks up {} newest value",
                                                   listing(proof_.may_change_parameters),
                                                   proof_.may_change_parameters.size() == 1 ? "is" : "are",
                                                   proof_.may_change_parameters.size() == 1 ? "its" : "their")});
    }
  }
};

}  // namespace

void report_rebuild(const LoweredStack& stack, const cfn::RebuildProof& proof, Diagnostics& diagnostics) {
  Reporter(stack, proof, diagnostics).report();
}

}  // namespace infrac
