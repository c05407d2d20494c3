#include "aws/cloudformation.hpp"

#include <fmt/format.h>

namespace infrac::aws::cfn {
namespace {

void add_stack_request(QueryParams& p, const StackRequest& r, bool with_policies) {
  p.emplace_back("StackName", r.stack_name);
  if (!r.template_url.empty()) {
    p.emplace_back("TemplateURL", r.template_url);
  } else if (!r.template_body.empty()) {
    p.emplace_back("TemplateBody", r.template_body);
  } else {
    p.emplace_back("UsePreviousTemplate", "true");
  }
  for (size_t i = 0; i < r.parameters.size(); ++i) {
    std::string prefix = fmt::format("Parameters.member.{}.", i + 1);
    p.emplace_back(prefix + "ParameterKey", r.parameters[i].key);
    if (r.parameters[i].use_previous)
      p.emplace_back(prefix + "UsePreviousValue", "true");
    else
      p.emplace_back(prefix + "ParameterValue", r.parameters[i].value);
  }
  add_member_list(p, "Capabilities", r.capabilities);
  if (!r.role_arn.empty()) p.emplace_back("RoleARN", r.role_arn);
  for (size_t i = 0; i < r.tags.size(); ++i) {
    p.emplace_back(fmt::format("Tags.member.{}.Key", i + 1), r.tags[i].key);
    p.emplace_back(fmt::format("Tags.member.{}.Value", i + 1), r.tags[i].value);
  }
  if (with_policies && !r.policy_body.empty()) p.emplace_back("StackPolicyBody", r.policy_body);
  if (with_policies && !r.policy_during_update_body.empty())
    p.emplace_back("StackPolicyDuringUpdateBody", r.policy_during_update_body);
  if (!r.client_request_token.empty()) p.emplace_back("ClientRequestToken", r.client_request_token);
}

std::vector<Parameter> read_parameters(pugi::xml_node node) {
  std::vector<Parameter> out;
  for (auto m : list_at(node, "Parameters"))
    out.push_back({m.child_value("ParameterKey"), m.child_value("ParameterValue"), false});
  return out;
}

std::vector<std::string> read_strings(pugi::xml_node node, const char* path) {
  std::vector<std::string> out;
  for (auto m : list_at(node, path)) out.push_back(m.child_value());
  return out;
}

Stack read_stack(pugi::xml_node m) {
  Stack s;
  s.id = m.child_value("StackId");
  s.name = m.child_value("StackName");
  s.status = m.child_value("StackStatus");
  s.status_reason = m.child_value("StackStatusReason");
  s.role_arn = m.child_value("RoleARN");
  s.creation_time = parse_iso8601(m.child_value("CreationTime"));
  s.last_updated_time = parse_iso8601(m.child_value("LastUpdatedTime"));
  s.parameters = read_parameters(m);
  for (auto o : list_at(m, "Outputs"))
    s.outputs.push_back({o.child_value("OutputKey"), o.child_value("OutputValue"), o.child_value("Description"),
                         o.child_value("ExportName")});
  s.capabilities = read_strings(m, "Capabilities");
  for (auto t : list_at(m, "Tags")) s.tags.push_back({t.child_value("Key"), t.child_value("Value")});
  s.termination_protection = std::string(m.child_value("EnableTerminationProtection")) == "true";
  return s;
}

Status done_or(const Outcome<XmlAnswer>& a) {
  if (!a) return a.error();
  return Done{};
}

}  // namespace

bool is_in_progress(const std::string& status) {
  return status.size() >= 12 && status.compare(status.size() - 12, 12, "_IN_PROGRESS") == 0;
}

bool is_failed_terminal(const std::string& status) {
  return status == "ROLLBACK_COMPLETE" || status == "UPDATE_ROLLBACK_COMPLETE" ||
         (status.size() >= 7 && status.compare(status.size() - 7, 7, "_FAILED") == 0);
}

Outcome<std::string> create_stack(AwsClient& client, const StackRequest& r) {
  QueryParams p;
  add_stack_request(p, r, true);
  if (r.termination_protection) p.emplace_back("EnableTerminationProtection", *r.termination_protection ? "true" : "false");
  auto a = client.query(kCloudFormation, "CreateStack", p);
  if (!a) return a.error();
  return std::string(text_at(a->result, "StackId"));
}

Outcome<std::string> update_stack(AwsClient& client, const StackRequest& r) {
  QueryParams p;
  add_stack_request(p, r, true);
  auto a = client.query(kCloudFormation, "UpdateStack", p);
  if (!a) return a.error();
  return std::string(text_at(a->result, "StackId"));
}

Outcome<ChangeSetIds> create_change_set(AwsClient& client, const StackRequest& r, const std::string& name,
                                        const std::string& type, const std::string& description) {
  QueryParams p;
  add_stack_request(p, r, false);
  p.emplace_back("ChangeSetName", name);
  p.emplace_back("ChangeSetType", type);
  if (!description.empty()) p.emplace_back("Description", description);
  auto a = client.query(kCloudFormation, "CreateChangeSet", p);
  if (!a) return a.error();
  return ChangeSetIds{text_at(a->result, "Id"), text_at(a->result, "StackId")};
}

Outcome<ChangeSet> describe_change_set(AwsClient& client, const std::string& id) {
  auto pages = client.query_pages(kCloudFormation, "DescribeChangeSet", {{"ChangeSetName", id}});
  if (!pages) return pages.error();
  ChangeSet cs;
  for (const auto& page : *pages) {
    pugi::xml_node r = page.result;
    cs.id = r.child_value("ChangeSetId");
    cs.name = r.child_value("ChangeSetName");
    cs.stack_id = r.child_value("StackId");
    cs.status = r.child_value("Status");
    cs.status_reason = r.child_value("StatusReason");
    cs.execution_status = r.child_value("ExecutionStatus");
    cs.parameters = read_parameters(r);
    for (auto m : list_at(r, "Changes")) {
      pugi::xml_node rc = m.child("ResourceChange");
      ResourceChange c{rc.child_value("Action"), rc.child_value("LogicalResourceId"), rc.child_value("PhysicalResourceId"),
                       rc.child_value("ResourceType"), rc.child_value("Replacement"), read_strings(rc, "Scope"), {}};
      for (auto d : list_at(rc, "Details")) {
        pugi::xml_node t = d.child("Target");
        c.details.push_back({t.child_value("Attribute"), t.child_value("Name"), t.child_value("RequiresRecreation"),
                             d.child_value("ChangeSource"), d.child_value("CausingEntity"), d.child_value("Evaluation")});
      }
      cs.changes.push_back(std::move(c));
    }
  }
  return cs;
}

Status execute_change_set(AwsClient& client, const std::string& id) {
  return done_or(client.query(kCloudFormation, "ExecuteChangeSet", {{"ChangeSetName", id}}));
}

Status delete_change_set(AwsClient& client, const std::string& id) {
  return done_or(client.query(kCloudFormation, "DeleteChangeSet", {{"ChangeSetName", id}}));
}

Outcome<std::optional<Stack>> describe_stack(AwsClient& client, const std::string& name) {
  auto a = client.query(kCloudFormation, "DescribeStacks", {{"StackName", name}});
  if (!a) {
    const AwsError& e = a.error();
    if (e.code == "ValidationError" && e.message.find("does not exist") != std::string::npos) return std::optional<Stack>();
    return e;
  }
  auto members = list_at(a->result, "Stacks");
  if (members.empty()) return std::optional<Stack>();
  return std::optional<Stack>(read_stack(members.front()));
}

Outcome<std::vector<StackEvent>> describe_stack_events(AwsClient& client, const std::string& stack,
                                                       const std::string& stop_at) {
  std::vector<StackEvent> events;
  Status read = client.query_each_page(kCloudFormation, "DescribeStackEvents", {{"StackName", stack}}, [&](const XmlAnswer& a) {
    for (auto m : list_at(a.result, "StackEvents")) {
      StackEvent e{m.child_value("EventId"), m.child_value("StackId"), m.child_value("StackName"),
                   m.child_value("LogicalResourceId"), m.child_value("PhysicalResourceId"), m.child_value("ResourceType"),
                   m.child_value("ResourceStatus"), m.child_value("ResourceStatusReason"),
                   parse_iso8601(m.child_value("Timestamp"))};
      if (!stop_at.empty() && e.id == stop_at) return false;
      events.push_back(std::move(e));
    }
    return true;
  });
  if (!read) return read.error();
  return events;
}

Outcome<std::vector<StackResource>> describe_stack_resources(AwsClient& client, const std::string& stack) {
  auto a = client.query(kCloudFormation, "DescribeStackResources", {{"StackName", stack}});
  if (!a) return a.error();
  std::vector<StackResource> out;
  for (auto m : list_at(a->result, "StackResources"))
    out.push_back({m.child_value("LogicalResourceId"), m.child_value("PhysicalResourceId"), m.child_value("ResourceType"),
                   m.child_value("ResourceStatus"), m.child_value("ResourceStatusReason")});
  return out;
}

Outcome<std::string> get_stack_policy(AwsClient& client, const std::string& stack) {
  auto a = client.query(kCloudFormation, "GetStackPolicy", {{"StackName", stack}});
  if (!a) return a.error();
  return std::string(text_at(a->result, "StackPolicyBody"));
}

Status set_stack_policy(AwsClient& client, const std::string& stack, const std::string& body) {
  return done_or(client.query(kCloudFormation, "SetStackPolicy", {{"StackName", stack}, {"StackPolicyBody", body}}));
}

Outcome<std::string> get_template(AwsClient& client, const std::string& stack) {
  auto a = client.query(kCloudFormation, "GetTemplate", {{"StackName", stack}, {"TemplateStage", "Original"}});
  if (!a) return a.error();
  return std::string(text_at(a->result, "TemplateBody"));
}

Outcome<TemplateSummary> validate_template(AwsClient& client, const std::string& body, const std::string& url) {
  QueryParams p;
  if (!url.empty())
    p.emplace_back("TemplateURL", url);
  else
    p.emplace_back("TemplateBody", body);
  auto a = client.query(kCloudFormation, "ValidateTemplate", p);
  if (!a) return a.error();
  TemplateSummary s;
  s.capabilities = read_strings(a->result, "Capabilities");
  s.capabilities_reason = text_at(a->result, "CapabilitiesReason");
  for (auto m : list_at(a->result, "Parameters")) s.parameters.push_back(m.child_value("ParameterKey"));
  return s;
}

Status continue_update_rollback(AwsClient& client, const std::string& stack, const std::vector<std::string>& skip,
                                const std::string& role_arn) {
  QueryParams p{{"StackName", stack}};
  add_member_list(p, "ResourcesToSkip", skip);
  if (!role_arn.empty()) p.emplace_back("RoleARN", role_arn);
  return done_or(client.query(kCloudFormation, "ContinueUpdateRollback", p));
}

Status delete_stack(AwsClient& client, const std::string& stack, const std::string& role_arn) {
  QueryParams p{{"StackName", stack}};
  if (!role_arn.empty()) p.emplace_back("RoleARN", role_arn);
  return done_or(client.query(kCloudFormation, "DeleteStack", p));
}

Status update_termination_protection(AwsClient& client, const std::string& stack, bool enabled) {
  return done_or(client.query(kCloudFormation, "UpdateTerminationProtection",
                              {{"StackName", stack}, {"EnableTerminationProtection", enabled ? "true" : "false"}}));
}

}  // namespace infrac::aws::cfn
