#pragma once
// Progress as typed events sent to a sink. The terminal, CI log lines and JSON
// lines are sinks; the deploy decides nothing by them, and nothing a sink does
// (a closed pipe, an exception) can fail a deploy: `report` swallows it.
#include <chrono>
#include <iosfwd>
#include <memory>
#include <string>

#include "aws/redact.hpp"

namespace infrac::deploy {

struct ProgressEvent {
  enum class Kind {
    Info,            // a step begins or a fact worth saying ("creating change set")
    Plan,            // the plan text of a stack, before confirmation
    StackEvent,      // a CloudFormation stack event
    ScalingActivity, // an Auto Scaling activity of a group the stack owns
    Warning,
    Result,          // a stack's outcome
  };
  Kind kind = Kind::Info;
  std::string stack;         // the infra stack name
  std::string operation_id;  // change set id, or the stack id of the operation
  std::string resource;      // logical id (stack events), group name (scaling)
  std::string resource_type;
  std::string status;
  std::string reason;
  std::string message;       // Info, Plan, Warning, Result
  std::chrono::seconds elapsed{0};  // since the stack's operation began
};

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void on(const ProgressEvent& event) = 0;
};

// Passes every event on with its texts redacted (aws/redact.hpp): AWS echoes parameter
// values back in event reasons and error messages, and a NoEcho value is registered with
// the redactor only when the deploy resolves it. The deploy step's entry points
// (deploy_project, wait_for_replacement) wrap the sink they are given in one, so no
// sink, the human lines on stderr included, can print a secret.
class RedactingSink : public ProgressSink {
 public:
  RedactingSink(ProgressSink& inner, const aws::Redactor& redactor) : inner_(inner), redactor_(redactor) {}
  void on(const ProgressEvent& event) override;

 private:
  ProgressSink& inner_;
  const aws::Redactor& redactor_;
};

// Sends an event; whatever the sink throws is dropped.
void report(ProgressSink& sink, const ProgressEvent& event) noexcept;

// Human lines: "[app +00:42] AppAutoScalingGroup UPDATE_IN_PROGRESS (reason)". `colour` on a terminal.
std::unique_ptr<ProgressSink> text_sink(std::ostream& out, bool colour);
// One JSON object per line, for machines.
std::unique_ptr<ProgressSink> json_lines_sink(std::ostream& out);

}  // namespace infrac::deploy
