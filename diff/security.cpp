#include "diff/security.hpp"

#include <fmt/format.h>

#include <array>
#include <set>
#include <string_view>

#include "cfn/equality.hpp"
#include "cfn/secret_values.hpp"
#include "cfn/stack_policy.hpp"
#include "diff/template_lookup.hpp"

namespace infrac::diff {
namespace {

std::string text_of(const Json& v) {
  if (auto s = cfn::scalar_text(v)) return *s;
  return v.dump();
}

std::string list_text(const Json& v) {
  if (!v.is_array()) return text_of(v);
  std::string out;
  for (const auto& item : v) out += (out.empty() ? "" : ", ") + text_of(item);
  return out;
}

// Every policy statement inside a value: the items of each `Statement` found at any depth.
void collect_statements(const Json& v, std::vector<const Json*>& out) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "Statement") {
        if (it->is_array()) {
          for (const auto& s : *it) out.push_back(&s);
        } else if (it->is_object()) {
          out.push_back(&*it);
        }
      } else {
        collect_statements(*it, out);
      }
    }
  } else if (v.is_array()) {
    for (const auto& item : v) collect_statements(item, out);
  }
}

bool has_wildcard(const Json& v) {
  if (v.is_string()) return v.get_ref<const std::string&>().find('*') != std::string::npos;
  if (v.is_array()) return std::any_of(v.begin(), v.end(), [](const Json& x) { return has_wildcard(x); });
  if (v.is_object()) return std::any_of(v.begin(), v.end(), [](const Json& x) { return has_wildcard(x); });
  return false;
}

bool is_public_principal(const Json& principal) {
  if (principal.is_string()) return principal == "*";
  return cfn::equal(member(principal, "AWS"), Json("*")) ||
         (member(principal, "AWS").is_array() && std::any_of(member(principal, "AWS").begin(), member(principal, "AWS").end(),
                                                              [](const Json& p) { return p == "*"; }));
}

// Allow statements of the new resource that the old one does not have (CloudFormation's equality).
void iam_pass(const DeclarationChange& d, const Json& old_resource, const Json& new_resource, std::vector<Finding>& out) {
  std::vector<const Json*> before, after;
  collect_statements(member(old_resource, "Properties"), before);
  collect_statements(member(new_resource, "Properties"), after);
  for (const Json* s : after) {
    if (!cfn::equal(member(*s, "Effect"), Json("Allow"))) continue;
    bool existed = std::any_of(before.begin(), before.end(), [&](const Json* b) { return cfn::equal(*b, *s); });
    if (existed) continue;
    const Json& actions = member(*s, "Action").is_null() ? member(*s, "NotAction") : member(*s, "Action");
    const Json& resources = member(*s, "Resource").is_null() ? member(*s, "NotResource") : member(*s, "Resource");
    std::string target = resources.is_null() ? "" : fmt::format(" on {}", list_text(resources));
    if (!member(*s, "Principal").is_null()) {
      target += fmt::format(" for {}", is_public_principal(member(*s, "Principal")) ? "any principal (*)" : text_of(member(*s, "Principal")));
    }
    bool wide = has_wildcard(actions) || has_wildcard(resources) || is_public_principal(member(*s, "Principal"));
    out.push_back({"iam", d.name,
                   fmt::format("`{}` {} Allow statement: {}{}{}", d.name, d.change == Change::Added ? "has an" : "gains an",
                               list_text(actions), target, wide ? " (wildcard)" : "")});
  }
  const Json& arns_before = member(member(old_resource, "Properties"), "ManagedPolicyArns");
  const Json& arns_after = member(member(new_resource, "Properties"), "ManagedPolicyArns");
  if (arns_after.is_array()) {
    for (const auto& arn : arns_after) {
      bool existed = arns_before.is_array() && std::any_of(arns_before.begin(), arns_before.end(),
                                                           [&](const Json& x) { return cfn::equal(x, arn); });
      if (!existed) out.push_back({"iam", d.name, fmt::format("`{}` attaches managed policy {}", d.name, text_of(arn))});
    }
  }
  if (d.type == "AWS::IAM::InstanceProfile" && d.change == Change::Modified &&
      !cfn::equal(member(member(old_resource, "Properties"), "Roles"), member(member(new_resource, "Properties"), "Roles"))) {
    out.push_back({"iam", d.name, fmt::format("`{}` changes its roles to {}", d.name,
                                              list_text(member(member(new_resource, "Properties"), "Roles")))});
  }
}

bool open_to_world(const Json& rule) {
  return cfn::equal(member(rule, "CidrIp"), Json("0.0.0.0/0")) || cfn::equal(member(rule, "CidrIpv6"), Json("::/0"));
}

std::string rule_text(const Json& rule) {
  std::string protocol = text_of(member(rule, "IpProtocol"));
  if (protocol == "-1") protocol = "all traffic";
  std::string ports;
  if (!member(rule, "FromPort").is_null()) {
    std::string from = text_of(member(rule, "FromPort")), to = text_of(member(rule, "ToPort"));
    ports = from == to || to.empty() || to == "null" ? " port " + from : fmt::format(" ports {}-{}", from, to);
  }
  std::string source = member(rule, "CidrIp").is_null() ? text_of(member(rule, "CidrIpv6")) : text_of(member(rule, "CidrIp"));
  return fmt::format("{}{} from {}", protocol, ports, source);
}

void ingress_pass(const DeclarationChange& d, const Json& old_resource, const Json& new_resource, std::vector<Finding>& out) {
  std::vector<Json> before, after;
  if (d.type == "AWS::EC2::SecurityGroup") {
    for (const auto& r : member(member(old_resource, "Properties"), "SecurityGroupIngress")) before.push_back(r);
    for (const auto& r : member(member(new_resource, "Properties"), "SecurityGroupIngress")) after.push_back(r);
  } else if (d.type == "AWS::EC2::SecurityGroupIngress") {
    if (!old_resource.is_null()) before.push_back(member(old_resource, "Properties"));
    after.push_back(member(new_resource, "Properties"));
  }
  for (const Json& rule : after) {
    if (!rule.is_object() || !open_to_world(rule)) continue;
    if (std::any_of(before.begin(), before.end(), [&](const Json& b) { return cfn::equal(b, rule); })) continue;
    out.push_back({"ingress", d.name, fmt::format("`{}` opens {} (the whole internet)", d.name, rule_text(rule))});
  }
}

void s3_pass(const DeclarationChange& d, const Json& old_resource, const Json& new_resource, std::vector<Finding>& out) {
  const Json& before = member(old_resource, "Properties");
  const Json& after = member(new_resource, "Properties");
  const Json& acl = member(after, "AccessControl");
  if (acl.is_string() && !cfn::equal(acl, member(before, "AccessControl")) &&
      (acl == "PublicRead" || acl == "PublicReadWrite" || acl == "AuthenticatedRead")) {
    out.push_back({"s3-public", d.name, fmt::format("`{}` gets the ACL {}", d.name, text_of(acl))});
  }
  const Json& block_before = member(before, "PublicAccessBlockConfiguration");
  const Json& block_after = member(after, "PublicAccessBlockConfiguration");
  if (d.change == Change::Modified && !block_before.is_null() && block_after.is_null()) {
    out.push_back({"s3-public", d.name, fmt::format("`{}` loses its public access block", d.name)});
    return;
  }
  for (const char* flag : {"BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"}) {
    bool was = cfn::equal(member(block_before, flag), Json(true));
    bool is = cfn::equal(member(block_after, flag), Json(true));
    if ((was || (d.change == Change::Added && !block_after.is_null())) && !is) {
      out.push_back({"s3-public", d.name, fmt::format("`{}` turns off {}", d.name, flag)});
    }
  }
}

// Types that hold data which a deletion or replacement loses.
constexpr std::array<std::string_view, 17> kDataTypes = {
    "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable",
    "AWS::EFS::FileSystem", "AWS::EC2::Volume", "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster",
    "AWS::Neptune::DBCluster", "AWS::DocDB::DBCluster", "AWS::Redshift::Cluster", "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain", "AWS::Kinesis::Stream", "AWS::SQS::Queue", "AWS::Logs::LogGroup"};

bool keeps_data(const Json& policy) {
  return cfn::equal(policy, Json("Retain")) || cfn::equal(policy, Json("Snapshot")) ||
         cfn::equal(policy, Json("RetainExceptOnCreate"));
}

void data_loss_pass(const DeclarationChange& d, const Json& old_resource, const Json& new_resource, std::vector<Finding>& out) {
  if (std::find(kDataTypes.begin(), kDataTypes.end(), d.type) == kDataTypes.end()) return;
  if (d.action == Action::Delete && !keeps_data(member(old_resource, "DeletionPolicy"))) {
    out.push_back({"data-loss", d.name, fmt::format("`{}` ({}) is deleted, and no DeletionPolicy keeps its data", d.name, d.type)});
  }
  if ((d.action == Action::Replace || d.action == Action::Conditional) &&
      !keeps_data(member(new_resource, "UpdateReplacePolicy"))) {
    out.push_back({"data-loss", d.name,
                   fmt::format("`{}` ({}) {} replaced, and no UpdateReplacePolicy keeps the old one's data", d.name, d.type,
                               d.action == Action::Replace ? "is" : "may be")});
  }
}

void no_echo_pass(const DeclarationChange& d, const Json& old_template, const Json& new_template, std::vector<Finding>& out) {
  const Json& before = member(member(old_template, "Parameters"), d.name);
  const Json& after = member(member(new_template, "Parameters"), d.name);
  bool was = cfn::is_no_echo(before);
  bool is = cfn::is_no_echo(after);
  if (was && !is && !after.is_null()) {
    out.push_back({"no-echo", d.name, fmt::format("parameter `{}` is no longer NoEcho: its value shows in the console and API", d.name)});
  } else if (is || was) {
    out.push_back({"no-echo", d.name, fmt::format("NoEcho parameter `{}` is {} (values not shown)", d.name,
                                                  d.change == Change::Added ? "added" : d.change == Change::Removed ? "removed" : "changed")});
  }
}

// Updates the old policy denied and the new one allows, per resource of either template.
void stack_policy_pass(const SecurityInput& in, std::vector<Finding>& out) {
  if (!in.old_policy) return;  // no policy before: every update was allowed, nothing can loosen
  if (!in.new_policy) {
    out.push_back({"stack-policy", "stack policy", "the stack policy is removed: every update is allowed"});
    return;
  }
  if (cfn::equal(*in.old_policy, *in.new_policy)) return;
  cfn::StackPolicy before = cfn::parse_stack_policy(*in.old_policy);
  cfn::StackPolicy after = cfn::parse_stack_policy(*in.new_policy);
  std::set<std::string> seen;
  for (const Json* t : {&in.new_template, &in.old_template}) {
    const Json& resources = member(*t, "Resources");
    if (!resources.is_object()) continue;
    for (auto it = resources.begin(); it != resources.end(); ++it) {
      if (!seen.insert(it.key()).second) continue;
      std::string type = member(*it, "Type").is_string() ? member(*it, "Type").get<std::string>() : "";
      std::string loosened;
      for (auto action : {cfn::PolicyAction::Modify, cfn::PolicyAction::Replace, cfn::PolicyAction::Delete}) {
        if (!before.evaluate(it.key(), type, action).allowed && after.evaluate(it.key(), type, action).allowed) {
          loosened += (loosened.empty() ? "" : ", ") + std::string(cfn::to_string(action));
        }
      }
      if (!loosened.empty()) {
        out.push_back({"stack-policy", it.key(), fmt::format("the stack policy now allows {} of `{}`", loosened, it.key())});
      }
    }
  }
}

}  // namespace

void add_security_findings(const SecurityInput& in, StackDiff& out) {
  std::vector<Finding> findings;
  for (const DeclarationChange& d : out.changes) {
    if (d.section == "Parameters") {
      if (d.secret) no_echo_pass(d, in.old_template, in.new_template, findings);
      continue;
    }
    if (d.section != "Resources") continue;
    const Json& before = resource_in(in.old_template, d.name);
    const Json& after = resource_in(in.new_template, d.name);
    if (d.change != Change::Removed) {
      iam_pass(d, before, after, findings);
      ingress_pass(d, before, after, findings);
      if (d.type == "AWS::S3::Bucket") s3_pass(d, before, after, findings);
      if (d.type == "AWS::KMS::Key" && d.change == Change::Modified &&
          !cfn::equal(member(member(before, "Properties"), "KeyPolicy"), member(member(after, "Properties"), "KeyPolicy"))) {
        findings.push_back({"kms", d.name, fmt::format("`{}`: the key policy changes", d.name)});
      }
    }
    data_loss_pass(d, before, after, findings);
  }
  stack_policy_pass(in, findings);
  out.findings = std::move(findings);
}

}  // namespace infrac::diff
