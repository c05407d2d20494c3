#include "deploy/waiter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "aws/fleet_services.hpp"

namespace infrac::deploy {
namespace {

using namespace std::chrono;

std::chrono::seconds since(aws::AwsClient& client, aws::TimePoint start) {
  return duration_cast<seconds>(client.runtime().now() - start);
}

// The interval after one poll: slower when throttled, a little slower each time otherwise.
milliseconds next_interval(milliseconds current, bool throttled, const WaitOptions& o) {
  auto next = throttled ? current * 2 : current * 3 / 2;
  return std::min(next, o.max_interval);
}

bool cancelled(const WaitOptions& o) { return o.cancelled && o.cancelled->load(); }

}  // namespace

bool is_no_changes(const std::string& status, const std::string& reason) {
  if (status != "FAILED" && !status.empty()) return false;
  static const char* kPrefixes[] = {"The submitted information didn't contain changes",
                                    "The submitted information does not contain changes",
                                    "No updates are to be performed", "No changes to deploy"};
  for (const char* p : kPrefixes)
    if (reason.rfind(p, 0) == 0) return true;
  return false;
}

std::vector<std::string> groups_of_stacks(aws::AwsClient& client, const std::vector<std::string>& stack_ids, std::string& problem) {
  std::vector<std::string> groups;
  for (const auto& id : stack_ids) {
    auto resources = aws::cfn::describe_stack_resources(client, id);
    if (!resources) {
      problem = "DescribeStackResources: " + resources.error().describe();
      return {};
    }
    for (const auto& r : *resources)
      if (r.type == "AWS::AutoScaling::AutoScalingGroup" && !r.physical_id.empty()) groups.push_back(r.physical_id);
  }
  return groups;
}

std::string newest_event_id(aws::AwsClient& client, const std::string& stack_id) {
  auto a = client.query(aws::kCloudFormation, "DescribeStackEvents", {{"StackName", stack_id}});
  if (!a) return "";
  auto members = aws::list_at(a->result, "StackEvents");
  return members.empty() ? "" : members.front().child_value("EventId");
}

StackWait wait_for_stack(aws::AwsClient& client, const std::string& stack_id, const std::string& since_event_id,
                         const std::vector<std::string>& groups, const OperationContext& op, const WaitOptions& options,
                         ProgressSink& sink) {
  StackWait w;
  w.last_event_id = since_event_id;
  auto begin = client.runtime().now();
  milliseconds interval = options.first_interval;
  std::set<std::string> seen_activities;
  for (;;) {
    bool throttled = false;
    auto events = aws::cfn::describe_stack_events(client, stack_id, w.last_event_id);
    if (events) {
      // Newest first from AWS; shown oldest first.
      for (auto it = events->rbegin(); it != events->rend(); ++it) {
        ProgressEvent e{ProgressEvent::Kind::StackEvent, op.infra_name, op.operation_id, it->logical_id,
                        it->resource_type, it->status, it->reason, "", since(client, op.started)};
        report(sink, e);
        if (it->status.size() > 7 && it->status.compare(it->status.size() - 7, 7, "_FAILED") == 0) w.failures.push_back(*it);
      }
      if (!events->empty()) w.last_event_id = events->front().id;
    } else {
      throttled = aws::is_throttling(events.error());  // progress is best effort: a failed events read only slows down
    }
    for (const auto& group : groups) {
      auto activities = aws::describe_scaling_activities(client, group, 20);
      if (!activities) continue;
      for (auto it = activities->rbegin(); it != activities->rend(); ++it) {
        if (it->start_time && *it->start_time < op.started) continue;
        std::string key = it->id + "/" + it->status_code;
        if (!seen_activities.insert(key).second) continue;
        report(sink, {ProgressEvent::Kind::ScalingActivity, op.infra_name, op.operation_id, group, "AWS::AutoScaling::AutoScalingGroup",
                      it->status_code, it->description, "", since(client, op.started)});
      }
    }
    auto stack = aws::cfn::describe_stack(client, stack_id);
    if (!stack) {
      if (!aws::is_throttling(stack.error())) {
        w.kind = StackWait::Kind::Error;
        w.error = stack.error();
        return w;
      }
      throttled = true;
    } else if (!stack->has_value()) {
      w.kind = StackWait::Kind::Error;
      w.error = aws::AwsError{aws::AwsError::Kind::Service, "StackGone", "the stack disappeared while infrac waited for it", 0, ""};
      return w;
    } else {
      w.stack = **stack;
      if (!aws::cfn::is_in_progress(w.stack.status)) return w;
    }
    if (cancelled(options)) {
      w.kind = StackWait::Kind::Cancelled;
      return w;
    }
    if (client.runtime().now() - begin >= options.deadline) {
      w.kind = StackWait::Kind::TimedOut;
      return w;
    }
    client.runtime().sleep(interval);
    interval = next_interval(interval, throttled, options);
  }
}

ChangeSetWait wait_for_change_set(aws::AwsClient& client, const std::string& id, const WaitOptions& options) {
  ChangeSetWait w;
  auto begin = client.runtime().now();
  milliseconds interval = options.first_interval / 2;
  for (;;) {
    auto cs = aws::cfn::describe_change_set(client, id);
    bool throttled = false;
    if (!cs) {
      if (!aws::is_throttling(cs.error())) {
        w.problem = cs.error().describe();
        return w;
      }
      throttled = true;
    } else {
      w.change_set = *cs;
      const std::string& s = cs->status;
      if (s == "CREATE_COMPLETE" || s == "FAILED" || s == "DELETE_COMPLETE" || s == "DELETE_FAILED") {
        w.ok = true;
        return w;
      }
    }
    if (cancelled(options)) {
      w.problem = "interrupted while the change set was being created";
      return w;
    }
    if (client.runtime().now() - begin >= options.deadline) {
      w.problem = fmt::format("the change set was not ready within {} seconds", options.deadline.count());
      return w;
    }
    client.runtime().sleep(interval);
    interval = next_interval(interval, throttled, options);
  }
}

}  // namespace infrac::deploy
