#pragma once
// CloudFormation operations over the Query API, as typed requests and answers.
// Each is a thin function: encode, call, decode. List calls read every page.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/time.hpp"

namespace infrac::aws::cfn {

struct Parameter {
  std::string key;
  std::string value;
  bool use_previous = false;
};

struct Tag {
  std::string key, value;
};

struct Output {
  std::string key, value, description, export_name;
};

struct Stack {
  std::string id, name, status, status_reason, role_arn;
  std::optional<TimePoint> creation_time, last_updated_time;
  std::vector<Parameter> parameters;
  std::vector<Output> outputs;
  std::vector<std::string> capabilities;
  std::vector<Tag> tags;
  bool termination_protection = false;
};

struct StackEvent {
  std::string id, stack_id, stack_name, logical_id, physical_id, resource_type, status, reason;
  std::optional<TimePoint> timestamp;
};

struct StackResource {
  std::string logical_id, physical_id, type, status, reason;
};

struct ChangeDetail {
  std::string attribute, name, requires_recreation, change_source, causing_entity, evaluation;
};

struct ResourceChange {
  std::string action;  // Add, Modify, Remove, Import, Dynamic
  std::string logical_id, physical_id, resource_type, replacement;
  std::vector<std::string> scope;
  std::vector<ChangeDetail> details;
};

struct ChangeSet {
  std::string id, name, stack_id, status, status_reason, execution_status;
  std::vector<ResourceChange> changes;
  std::vector<Parameter> parameters;
};

// What CreateStack, UpdateStack and CreateChangeSet share.
struct StackRequest {
  std::string stack_name;             // a name, or the stack's ARN after the first read
  std::string template_body;          // or
  std::string template_url;           // a template uploaded to S3
  std::vector<Parameter> parameters;
  std::vector<std::string> capabilities;
  std::string role_arn;
  std::vector<Tag> tags;
  std::string policy_body;                // CreateStack, UpdateStack
  std::string policy_during_update_body;  // UpdateStack
  std::optional<bool> termination_protection;  // CreateStack
  std::string client_request_token;
};

Outcome<std::string> create_stack(AwsClient& client, const StackRequest& request);  // the stack id
Outcome<std::string> update_stack(AwsClient& client, const StackRequest& request);  // the stack id

struct ChangeSetIds {
  std::string id, stack_id;
};
// `type` is CREATE, UPDATE or IMPORT: always explicit.
Outcome<ChangeSetIds> create_change_set(AwsClient& client, const StackRequest& request, const std::string& name,
                                        const std::string& type, const std::string& description = "");
Outcome<ChangeSet> describe_change_set(AwsClient& client, const std::string& change_set_id);
Status execute_change_set(AwsClient& client, const std::string& change_set_id);
Status delete_change_set(AwsClient& client, const std::string& change_set_id);

// Absent when the stack does not exist (AWS says so with a ValidationError).
Outcome<std::optional<Stack>> describe_stack(AwsClient& client, const std::string& name_or_id);
// Newest first, every page, or only down to (not including) `stop_at_event_id`.
Outcome<std::vector<StackEvent>> describe_stack_events(AwsClient& client, const std::string& stack,
                                                       const std::string& stop_at_event_id = "");
Outcome<std::vector<StackResource>> describe_stack_resources(AwsClient& client, const std::string& stack);
Outcome<std::string> get_stack_policy(AwsClient& client, const std::string& stack);  // "" when none
Status set_stack_policy(AwsClient& client, const std::string& stack, const std::string& policy_body);
Outcome<std::string> get_template(AwsClient& client, const std::string& stack);  // the original template body
struct TemplateSummary {
  std::vector<std::string> capabilities;
  std::string capabilities_reason;
  std::vector<std::string> parameters;
};
Outcome<TemplateSummary> validate_template(AwsClient& client, const std::string& body, const std::string& url);
Status continue_update_rollback(AwsClient& client, const std::string& stack, const std::vector<std::string>& skip,
                                const std::string& role_arn);
Status delete_stack(AwsClient& client, const std::string& stack, const std::string& role_arn);
Status update_termination_protection(AwsClient& client, const std::string& stack, bool enabled);

// A status that is still moving (ends in _IN_PROGRESS), and those that end an operation badly.
bool is_in_progress(const std::string& status);
bool is_failed_terminal(const std::string& status);  // ROLLBACK_COMPLETE, UPDATE_ROLLBACK_COMPLETE, *_FAILED

}  // namespace infrac::aws::cfn
