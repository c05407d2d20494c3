#pragma once
// Every wait of the deploy step: one polling helper with a deadline, an interval
// that grows (and doubles when AWS throttles), and a cancel flag (Ctrl-C). Stack
// waits stream the operation's new stack events, and the Auto Scaling activities
// of the groups named, to the progress sink.
#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "aws/cloudformation.hpp"
#include "deploy/progress.hpp"

namespace infrac::deploy {

struct WaitOptions {
  std::chrono::seconds deadline{std::chrono::hours(2)};
  std::chrono::milliseconds first_interval{2000};
  std::chrono::milliseconds max_interval{30000};
  const std::atomic<bool>* cancelled = nullptr;
};

struct StackWait {
  enum class Kind { Settled, TimedOut, Cancelled, Error };
  Kind kind = Kind::Settled;
  aws::cfn::Stack stack;                       // the last read
  std::vector<aws::cfn::StackEvent> failures;  // *_FAILED events of this operation, oldest first
  std::string last_event_id;
  aws::AwsError error;
};

// What the progress events of one stack operation carry.
struct OperationContext {
  std::string infra_name;  // the stack, for the sink
  std::string operation_id;
  aws::TimePoint started;
};

// Polls until the stack leaves every *_IN_PROGRESS status. `since_event_id`: the newest
// event before the operation began ("" for a new stack): older events are not shown.
StackWait wait_for_stack(aws::AwsClient& client, const std::string& stack_id, const std::string& since_event_id,
                         const std::vector<std::string>& groups, const OperationContext& op, const WaitOptions& options,
                         ProgressSink& sink);

struct ChangeSetWait {
  bool ok = false;  // settled: CREATE_COMPLETE or FAILED (see change_set.status)
  aws::cfn::ChangeSet change_set;
  std::string problem;  // when not ok: timed out, cancelled, or the API error
};
ChangeSetWait wait_for_change_set(aws::AwsClient& client, const std::string& change_set_id, const WaitOptions& options);

// The one place "no changes" is recognised: a FAILED change set (or an UpdateStack
// error) whose reason starts with one of the phrasings AWS has used.
bool is_no_changes(const std::string& status, const std::string& reason);

// The Auto Scaling groups of the given stacks (physical ids from DescribeStackResources):
// those whose activities a wait shows, and those a rebuild verifies.
std::vector<std::string> groups_of_stacks(aws::AwsClient& client, const std::vector<std::string>& stack_ids, std::string& problem);

// The id of the newest event of a stack ("" when it has none or cannot be read).
std::string newest_event_id(aws::AwsClient& client, const std::string& stack_id);

}  // namespace infrac::deploy
