#include "deploy/deploy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "aws/fleet_services.hpp"
#include "deploy/allowances.hpp"
#include "deploy/plan.hpp"

namespace infrac::deploy {
namespace {

using Kind = StackResult::Kind;
namespace cf = aws::cfn;

// Everything one stack's deploy needs, and its result so far.
struct StackRun {
  aws::AwsClient& client;
  const StackArtifacts& artifacts;
  const DeployOptions& options;
  ProgressSink& sink;
  StackResult result;

  void say(const std::string& message, ProgressEvent::Kind kind = ProgressEvent::Kind::Info) {
    report(sink, {kind, artifacts.name, result.stack_id, "", "", "", "", message,
                  std::chrono::duration_cast<std::chrono::seconds>(client.runtime().now() - result.started)});
  }
  StackResult finish(Kind kind, std::string message) {
    result.kind = kind;
    result.message = std::move(message);
    result.finished = client.runtime().now();
    return result;
  }
  StackResult aws_failure(const std::string& what, const aws::AwsError& e) {
    return finish(e.kind == aws::AwsError::Kind::Usage ? Kind::Invalid : Kind::Failed, what + ": " + e.describe());
  }
};

std::string timestamp_name(aws::TimePoint t) {
  std::string s = aws::format_iso8601(t);  // 2024-05-01T12:00:00Z
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '-' || c == ':'; }), s.end());
  return s;  // 20240501T120000Z
}

// Fills the request's parameters: the rebuild's overrides, earlier stacks' outputs,
// --params, else the previous value (update) or the template's default; `sources` gets
// where each value sent comes from, as the plan says it (diff::ParameterValue::how).
std::string resolve_parameters(const StackArtifacts& a, const DeployOptions& o, const std::optional<cf::Stack>& existing,
                               const std::map<std::string, std::vector<cf::Output>>& outputs, cf::StackRequest& request,
                               ParameterSources& sources, aws::Redactor& redactor) {
  const Json& declared = a.template_json.contains("Parameters") ? a.template_json["Parameters"] : Json::object();
  auto given = [&](const ParameterValues& values) -> const std::map<std::string, std::string>* {
    auto it = values.find(a.name);
    return it == values.end() ? nullptr : &it->second;
  };
  const auto* from_file = given(o.params);
  const auto* forced = given(o.overrides);
  if (from_file) {
    for (const auto& [name, _] : *from_file)
      if (!declared.contains(name))
        return fmt::format("--params gives `{}` for stack `{}`, which has no such parameter", name, a.name);
  }
  std::vector<std::string> secret = a.no_echo_parameters();
  std::vector<std::string> missing;
  for (const auto& [name, spec] : declared.items()) {
    cf::Parameter p{name, "", false};
    bool has = false;
    if (forced && forced->count(name)) {
      p.value = forced->at(name);
      sources[name] = "to the time of this rebuild";
      has = true;
    }
    if (!has) {
      for (const auto& w : a.from_outputs) {
        if (w.parameter != name) continue;
        auto it = outputs.find(w.stack);
        if (it == outputs.end()) return fmt::format("parameter `{}` of stack `{}` takes output `{}` of stack `{}`, which was not read", name, a.name, w.output, w.stack);
        auto out = std::find_if(it->second.begin(), it->second.end(), [&](const cf::Output& x) { return x.key == w.output; });
        if (out == it->second.end()) return fmt::format("stack `{}` has no output `{}` (parameter `{}` of stack `{}` needs it)", w.stack, w.output, name, a.name);
        p.value = out->value;
        sources[name] = fmt::format("to output `{}` of stack `{}`", w.output, w.stack);
        has = true;
      }
    }
    if (!has && from_file && from_file->count(name)) {
      p.value = from_file->at(name);
      sources[name] = "to the value in `--params`";
      has = true;
    }
    // An SSM-typed parameter's value names the parameter to resolve again: its default when not given
    // (DescribeStacks may show the resolved value, which UsePreviousValue would then try to resolve).
    bool ssm_typed = spec.is_object() && spec.value("Type", "").rfind("AWS::SSM::Parameter::Value<", 0) == 0;
    if (!has && existing && !(ssm_typed && spec.contains("Default"))) {
      for (const auto& previous : existing->parameters) {
        if (previous.key == name) {
          // The previous value, sent as it is (what UsePreviousValue means); a NoEcho value is
          // masked in DescribeStacks, so for those only UsePreviousValue keeps it. (moto fails on
          // UsePreviousValue for a parameter it filled from a default.)
          bool masked = std::find(secret.begin(), secret.end(), name) != secret.end();
          p.use_previous = masked;
          p.value = masked ? "" : previous.value;
          sources[name] = "to its previous value";
          has = true;
        }
      }
    }
    if (!has) {
      if (spec.is_object() && spec.contains("Default")) continue;
      missing.push_back(name);
      continue;
    }
    if (std::find(secret.begin(), secret.end(), name) != secret.end()) redactor.add_secret(p.value);
    request.parameters.push_back(p);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "`" : ", `") + m + "`";
    return fmt::format("stack `{}`: no value for parameter{} {}; give {} in --params FILE as {{\"{}\": {{\"{}\": \"...\"}}}}",
                       a.name, missing.size() > 1 ? "s" : "", list, missing.size() > 1 ? "them" : "it", a.name, missing.front());
  }
  return "";
}

// The template as a body, or uploaded to --s3-bucket when it is too large to send inline.
std::string place_template(StackRun& run, cf::StackRequest& request) {
  const std::string& body = run.artifacts.template_body;
  if (body.size() <= kMaxInlineTemplate) {
    request.template_body = body;
    return "";
  }
  if (run.options.s3_bucket.empty())
    return fmt::format("the template of stack `{}` is {} bytes, over CloudFormation's {} for an inline template: "
                       "give --s3-bucket BUCKET to upload it", run.artifacts.name, body.size(), kMaxInlineTemplate);
  std::string key = fmt::format("infrac/{}/{}.template.json", run.result.aws_name, timestamp_name(run.client.runtime().now()));
  run.say(fmt::format("uploading the template ({} bytes) to s3://{}/{}", body.size(), run.options.s3_bucket, key));
  auto url = aws::put_object(run.client, run.options.s3_bucket, key, body);
  if (!url) return "uploading the template: " + url.error().describe();
  request.template_url = *url;
  return "";
}

// Waits for the stack's operation and turns its end into the result.
StackResult settle(StackRun& run, const std::string& since_event, const std::vector<std::string>& groups, const char* success) {
  OperationContext op{run.artifacts.name, run.result.stack_id, run.result.started};
  StackWait w = wait_for_stack(run.client, run.result.stack_id, since_event, groups, op, run.options.wait, run.sink);
  run.result.status = w.stack.status;
  run.result.failures = w.failures;
  switch (w.kind) {
    case StackWait::Kind::Error: return run.aws_failure("waiting for the stack", w.error);
    case StackWait::Kind::TimedOut:
      return run.finish(Kind::Failed, fmt::format("timed out after {} seconds waiting for the stack (last status {}); it goes on in AWS",
                                                  run.options.wait.deadline.count(), w.stack.status));
    case StackWait::Kind::Cancelled:
      return run.finish(Kind::Failed, fmt::format("interrupted while the stack was {}; the operation goes on in AWS, "
                                                  "and the permanent stack policy is the one in the source", w.stack.status));
    case StackWait::Kind::Settled: break;
  }
  run.result.outputs = w.stack.outputs;
  const std::string& s = w.stack.status;
  if (s == success) return run.finish(Kind::Deployed, s);
  if (s == "UPDATE_ROLLBACK_FAILED")
    return run.finish(Kind::NeedsRollback, "the update failed and so did its rollback (UPDATE_ROLLBACK_FAILED): "
                                           "fix the cause, then run again with --continue-rollback");
  if (s == "ROLLBACK_COMPLETE" || s == "ROLLBACK_FAILED")
    return run.finish(Kind::Failed, fmt::format("the creation failed and was rolled back ({}); run again with --recreate "
                                                "once the cause is fixed", s));
  return run.finish(Kind::Failed, fmt::format("the stack ended in {}", s));
}

// ValidateTemplate (its capabilities join the manifest's), then the plan. A result only when it failed.
std::optional<StackResult> plan_creation(StackRun& run, cf::StackRequest& request, std::string& plan) {
  auto summary = cf::validate_template(run.client, request.template_body, request.template_url);
  if (!summary) return run.aws_failure("ValidateTemplate", summary.error());
  for (const auto& needed : summary->capabilities) {
    if (std::find(request.capabilities.begin(), request.capabilities.end(), needed) == request.capabilities.end())
      request.capabilities.push_back(needed);  // the manifest should have it; AWS's answer is the authority
  }
  PlanInput input{&run.artifacts, run.result.aws_name, std::nullopt, {}, run.options.spec};
  std::string policy_note = fmt::format("Stack policy: {} (set with CreateStack, in force from the first moment)\n",
                                        run.artifacts.policy_is_default ? "the default, every update denied" : "the source's");
  plan = render_plan(input, plan_diff(input), {"", std::nullopt, true, request.capabilities}, policy_note);
  report(run.sink, {ProgressEvent::Kind::Plan, run.artifacts.name, "", "", "", "", "", plan, {}});
  return std::nullopt;
}

StackResult create_confirmed(StackRun& run, cf::StackRequest request) {
  request.policy_body = run.artifacts.policy_body;
  request.termination_protection = run.options.termination_protection;
  run.say("creating the stack with its stack policy (CreateStack)");
  auto id = cf::create_stack(run.client, request);
  if (!id) return run.aws_failure("CreateStack", id.error());
  run.result.stack_id = *id;
  return settle(run, "", {}, "CREATE_COMPLETE");
}

}  // namespace

std::string stack_aws_name(const std::string& format, const std::string& stack, const std::string& env, std::string& problem) {
  std::string name = format;
  auto replace = [&](const std::string& key, const std::string& value) {
    for (size_t at = name.find(key); at != std::string::npos; at = name.find(key, at + value.size())) name.replace(at, key.size(), value);
  };
  if (name.find("{env}") != std::string::npos && env.empty()) {
    problem = "--name-format uses {env} but no --env was given";
    return "";
  }
  replace("{stack}", stack);
  replace("{env}", env);
  static const std::regex kValid("[A-Za-z][-A-Za-z0-9]*");
  if (name.size() > 128) {
    problem = fmt::format("the stack name `{}` is {} characters; CloudFormation allows 128", name, name.size());
    return "";
  }
  if (!std::regex_match(name, kValid)) {
    problem = fmt::format("`{}` is not a valid CloudFormation stack name (a letter, then letters, digits and -)", name);
    return "";
  }
  return name;
}

int StackResult::exit_status() const {
  switch (kind) {
    case Kind::Deployed:
    case Kind::NoChanges: return 0;
    case Kind::Invalid: return 2;
    case Kind::Refused:
    case Kind::Declined: return 4;
    case Kind::NeedsRollback:
    case Kind::Failed: return 5;
  }
  return 5;
}

int DeployReport::exit_status() const {
  int worst = 0;
  for (const auto& s : stacks) worst = std::max(worst, s.exit_status());
  return worst;
}

StackResult deploy_stack(aws::AwsClient& client, const StackArtifacts& a, const DeployOptions& o, ProgressSink& sink,
                         const Confirm& confirm, const ChangeSetGate& gate,
                         const std::map<std::string, std::vector<cf::Output>>& outputs);

DeployReport deploy_project(aws::AwsClient& client, const Project& project, const DeployOptions& options,
                            ProgressSink& unredacted, const Confirm& confirm, const ChangeSetGate& gate) {
  RedactingSink sink(unredacted, client.redactor());
  DeployReport report_;
  std::map<std::string, std::vector<cf::Output>> outputs;
  for (const auto& a : project.stacks) {
    bool selected = options.only.empty() || std::find(options.only.begin(), options.only.end(), a.name) != options.only.end();
    if (!selected) {
      // Not deployed now, but later stacks may need its outputs: read them.
      bool needed = false;
      for (const auto& later : project.stacks)
        for (const auto& w : later.from_outputs) needed |= w.stack == a.name;
      if (!needed) continue;
      std::string problem;
      std::string name = stack_aws_name(options.name_format, a.name, options.env, problem);
      auto stack = name.empty() ? aws::Outcome<std::optional<cf::Stack>>(std::optional<cf::Stack>()) : cf::describe_stack(client, name);
      if (stack && stack->has_value()) outputs[a.name] = (*stack)->outputs;
      continue;
    }
    StackResult r = deploy_stack(client, a, options, sink, confirm, gate, outputs);
    outputs[a.name] = r.outputs;
    report(sink, {ProgressEvent::Kind::Result, a.name, r.stack_id, "", "", r.status, "", r.message,
                  std::chrono::duration_cast<std::chrono::seconds>(r.finished - r.started)});
    bool stop = r.exit_status() != 0;
    report_.stacks.push_back(std::move(r));
    if (stop) break;  // later stacks may depend on this one
  }
  return report_;
}

StackResult deploy_stack(aws::AwsClient& client, const StackArtifacts& a, const DeployOptions& o, ProgressSink& sink,
                         const Confirm& confirm, const ChangeSetGate& gate,
                         const std::map<std::string, std::vector<cf::Output>>& outputs) {
  StackRun run{client, a, o, sink, {}};
  run.result.stack = a.name;
  run.result.started = client.runtime().now();
  std::string problem;
  run.result.aws_name = stack_aws_name(o.name_format, a.name, o.env, problem);
  if (!problem.empty()) return run.finish(Kind::Invalid, problem);

  auto described = cf::describe_stack(client, run.result.aws_name);
  if (!described) return run.aws_failure("DescribeStacks", described.error());
  std::optional<cf::Stack> existing = *described;
  if (existing) {
    run.result.stack_id = existing->id;  // from here on the stack is named by its ARN
    run.result.status = existing->status;
    const std::string& s = existing->status;
    if (cf::is_in_progress(s) && s != "REVIEW_IN_PROGRESS")
      return run.finish(Kind::Refused, fmt::format("stack {} is busy ({}): another operation is running; nothing was done", run.result.aws_name, s));
    bool dead = s == "ROLLBACK_COMPLETE" || s == "ROLLBACK_FAILED" || s == "REVIEW_IN_PROGRESS" || s == "DELETE_FAILED";
    if (dead && !o.recreate) {
      std::string why = s == "REVIEW_IN_PROGRESS" ? "holds only a change set that was never executed (REVIEW_IN_PROGRESS)"
                                                  : fmt::format("is {} after a failed creation and cannot be updated", s);
      return run.finish(Kind::NeedsRollback, fmt::format("stack {} {}; run again with --recreate to delete it and create it anew", run.result.aws_name, why));
    }
    if (dead) {
      run.say(fmt::format("--recreate: deleting stack {} ({})", run.result.aws_name, s));
      if (auto d = cf::delete_stack(client, run.result.stack_id, o.role_arn); !d) return run.aws_failure("DeleteStack", d.error());
      StackResult deleted = settle(run, newest_event_id(client, run.result.stack_id), {}, "DELETE_COMPLETE");
      if (deleted.kind != Kind::Deployed) return deleted;
      existing.reset();
      run.result.stack_id.clear();
    } else if (s == "UPDATE_ROLLBACK_FAILED") {
      if (!o.continue_rollback)
        return run.finish(Kind::NeedsRollback, fmt::format("stack {} is UPDATE_ROLLBACK_FAILED; fix the cause, then run again with "
                                                           "--continue-rollback", run.result.aws_name));
      run.say("--continue-rollback: ContinueUpdateRollback");
      std::string since = newest_event_id(client, run.result.stack_id);
      if (auto c = cf::continue_update_rollback(client, run.result.stack_id, {}, o.role_arn); !c)
        return run.aws_failure("ContinueUpdateRollback", c.error());
      StackResult rolled = settle(run, since, {}, "UPDATE_ROLLBACK_COMPLETE");
      if (rolled.kind != Kind::Deployed) return rolled;
    }
  }
  if (!existing && !o.create_missing)
    return run.finish(Kind::Invalid, fmt::format("stack {} does not exist; deploy it first with `infrac deploy`", run.result.aws_name));

  cf::StackRequest request;
  // Reads go to the ARN; CreateChangeSet and UpdateStack take the name (moto refuses an ARN there, AWS takes both).
  request.stack_name = run.result.aws_name;
  request.capabilities = a.capabilities;
  request.role_arn = o.role_arn;
  request.tags = o.tags;
  ParameterSources sources;
  if (std::string p = resolve_parameters(a, o, existing, outputs, request, sources, client.redactor()); !p.empty())
    return run.finish(Kind::Invalid, p);
  if (std::string p = place_template(run, request); !p.empty()) return run.finish(Kind::Invalid, p);

  if (!existing) {
    std::string plan;
    if (auto failed = plan_creation(run, request, plan)) return *failed;
    if (!confirm(a.name, plan)) return run.finish(Kind::Declined, "not confirmed; nothing was done");
    return create_confirmed(run, request);
  }

  if (o.termination_protection && *o.termination_protection != existing->termination_protection) {
    run.say(fmt::format("turning termination protection {}", *o.termination_protection ? "on" : "off"));
    if (auto t = cf::update_termination_protection(client, run.result.stack_id, *o.termination_protection); !t)
      return run.aws_failure("UpdateTerminationProtection", t.error());
  }

  // What is deployed, for the plan's diff (read before the change set exists: nothing to clean up after a failure).
  auto stack_policy = cf::get_stack_policy(client, run.result.stack_id);
  if (!stack_policy) return run.aws_failure("GetStackPolicy", stack_policy.error());
  auto deployed_template = cf::get_template(client, run.result.stack_id);
  if (!deployed_template) return run.aws_failure("GetTemplate", deployed_template.error());
  PlanInput input{&a, run.result.aws_name, diff::StackVersion{}, changed_parameters(request.parameters, existing->parameters, sources), o.spec};
  if (std::string p = deployed_version(*deployed_template, *stack_policy, *input.deployed); !p.empty()) return run.finish(Kind::Failed, p);
  bool policy_differs = !same_policy(*stack_policy, a.policy_body);
  std::string policy_line = policy_differs ? "Stack policy: replaced by the source's (SetStackPolicy, before the update)\n"
                                           : "Stack policy: unchanged\n";

  // Update: a change set previews what CloudFormation will do.
  std::string change_set_name = "infrac-" + timestamp_name(client.runtime().now());
  run.say(fmt::format("creating change set {}", change_set_name));
  auto ids = cf::create_change_set(client, request, change_set_name, "UPDATE", "infrac deploy");
  if (!ids) {
    if (is_no_changes("", ids.error().message)) return run.finish(Kind::NoChanges, "no changes");
    return run.aws_failure("CreateChangeSet", ids.error());
  }
  ChangeSetWait cs = wait_for_change_set(client, ids->id, o.wait);
  if (!cs.ok) {
    cf::delete_change_set(client, ids->id);
    return run.finish(Kind::Failed, "change set " + change_set_name + ": " + cs.problem);
  }
  run.result.outputs = existing->outputs;
  if (cs.change_set.status == "FAILED") {
    cf::delete_change_set(client, ids->id);
    if (!is_no_changes(cs.change_set.status, cs.change_set.status_reason))
      return run.finish(Kind::Failed, "change set " + change_set_name + " failed: " + cs.change_set.status_reason);
    if (!policy_differs) return run.finish(Kind::NoChanges, "no changes");
    std::string plan = render_plan(input, plan_diff(input), {change_set_name, std::nullopt, false, {}}, policy_line);
    report(sink, {ProgressEvent::Kind::Plan, a.name, "", "", "", "", "", plan, {}});
    if (!confirm(a.name, plan)) return run.finish(Kind::Declined, "not confirmed; nothing was done");
    if (auto s = cf::set_stack_policy(client, run.result.stack_id, a.policy_body); !s) return run.aws_failure("SetStackPolicy", s.error());
    run.result.policy_updated = true;
    return run.finish(Kind::NoChanges, "no resource changes; the stack policy was updated");
  }
  if (gate) {
    if (std::string refusal = gate(a, cs.change_set); !refusal.empty()) {
      cf::delete_change_set(client, ids->id);
      return run.finish(Kind::Refused, refusal);
    }
  }
  std::string plan = render_plan(input, plan_diff(input), {change_set_name, cs.change_set, false, {}}, policy_line);
  if (!o.allow_update.empty()) {
    std::string list;
    for (const auto& r : o.allow_update) list += " " + r;
    plan += fmt::format("--allow-update{}: executed with UpdateStack and a stack policy for this update only; the executed\n"
                        "update is not the previewed change set, and SSM-typed parameters are resolved again\n", list);
  }
  report(sink, {ProgressEvent::Kind::Plan, a.name, ids->id, "", "", "", "", plan, {}});
  if (!confirm(a.name, plan)) {
    cf::delete_change_set(client, ids->id);
    return run.finish(Kind::Declined, "not confirmed; the change set was deleted and nothing was done");
  }
  if (policy_differs) {
    run.say("setting the source's stack policy (SetStackPolicy) before the update");
    if (auto s = cf::set_stack_policy(client, run.result.stack_id, a.policy_body); !s) return run.aws_failure("SetStackPolicy", s.error());
    run.result.policy_updated = true;
  }
  std::string unread;  // best effort: without its groups, the wait shows no scaling activities
  std::vector<std::string> groups = groups_of_stacks(client, {run.result.stack_id}, unread);
  std::string since = newest_event_id(client, run.result.stack_id);
  if (o.allow_update.empty()) {
    run.say(fmt::format("executing change set {}", change_set_name));
    if (auto e = cf::execute_change_set(client, ids->id); !e) return run.aws_failure("ExecuteChangeSet", e.error());
  } else {
    cf::delete_change_set(client, ids->id);
    request.policy_during_update_body = policy_with_allowances(a.policy_json, a.template_json, o.allow_update).dump();
    run.say("updating with a stack policy for this update only (UpdateStack with StackPolicyDuringUpdateBody)");
    auto u = cf::update_stack(client, request);
    if (!u) {
      if (is_no_changes("", u.error().message)) return run.finish(Kind::NoChanges, "no changes");
      return run.aws_failure("UpdateStack", u.error());
    }
  }
  return settle(run, since, groups, "UPDATE_COMPLETE");
}

}  // namespace infrac::deploy
