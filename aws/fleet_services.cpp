#include "aws/fleet_services.hpp"

#include <fmt/format.h>

#include <limits>

#include "io/number.hpp"

namespace infrac::aws {
namespace {

std::map<std::string, std::string> read_tags(pugi::xml_node node, const char* path) {
  std::map<std::string, std::string> tags;
  for (auto t : list_at(node, path)) tags[t.child_value("Key") ? t.child_value("Key") : ""] = t.child_value("Value");
  return tags;
}

// A count in an answer (a group's size): a whole number from 0 up, or the answer is not one
// AWS would send, and the error names the operation, the field and its owner.
std::optional<AwsError> read_count(pugi::xml_node node, const char* operation, const char* field,
                                   const std::string& owner, int& out) {
  const char* text = node.child_value(field);
  if (auto n = io::parse_integer<int>(text, 0)) {
    out = *n;
    return std::nullopt;
  }
  AwsError e;
  e.kind = AwsError::Kind::Protocol;
  e.code = "InvalidAnswer";
  e.message = fmt::format("{}: {} of {} is `{}`, not a whole number from 0 to {}", operation, field, owner, excerpt(text),
                          std::numeric_limits<int>::max());
  return e;
}

}  // namespace

Outcome<std::vector<Ec2Instance>> describe_instances(AwsClient& client, const std::vector<std::string>& ids,
                                                     const std::vector<Ec2Filter>& filters) {
  QueryParams p;
  for (size_t i = 0; i < ids.size(); ++i) p.emplace_back(fmt::format("InstanceId.{}", i + 1), ids[i]);
  for (size_t i = 0; i < filters.size(); ++i) {
    p.emplace_back(fmt::format("Filter.{}.Name", i + 1), filters[i].name);
    for (size_t j = 0; j < filters[i].values.size(); ++j)
      p.emplace_back(fmt::format("Filter.{}.Value.{}", i + 1, j + 1), filters[i].values[j]);
  }
  auto pages = client.query_pages(kEc2, "DescribeInstances", p, "nextToken");
  if (!pages) return pages.error();
  std::vector<Ec2Instance> out;
  for (const auto& page : *pages) {
    for (auto reservation : list_at(page.root, "reservationSet")) {
      for (auto i : list_at(reservation, "instancesSet")) {
        Ec2Instance x;
        x.id = i.child_value("instanceId");
        x.state = text_at(i, "instanceState/name");
        x.instance_type = i.child_value("instanceType");
        x.image_id = i.child_value("imageId");
        x.private_ip = i.child_value("privateIpAddress");
        x.public_ip = i.child_value("ipAddress");
        x.subnet_id = i.child_value("subnetId");
        x.zone = text_at(i, "placement/availabilityZone");
        x.private_dns = i.child_value("privateDnsName");
        x.public_dns = i.child_value("dnsName");
        x.launch_time = parse_iso8601(i.child_value("launchTime"));
        x.tags = read_tags(i, "tagSet");
        out.push_back(std::move(x));
      }
    }
  }
  return out;
}

Outcome<std::string> get_console_output(AwsClient& client, const std::string& instance_id) {
  auto a = client.query(kEc2, "GetConsoleOutput", {{"InstanceId", instance_id}});
  if (!a) return a.error();
  return std::string(a->root.child_value("output"));
}

Status terminate_instances(AwsClient& client, const std::vector<std::string>& ids) {
  QueryParams p;
  for (size_t i = 0; i < ids.size(); ++i) p.emplace_back(fmt::format("InstanceId.{}", i + 1), ids[i]);
  auto a = client.query(kEc2, "TerminateInstances", p);
  if (!a) return a.error();
  return Done{};
}

Outcome<std::vector<AutoScalingGroup>> describe_auto_scaling_groups(AwsClient& client, const std::vector<std::string>& names) {
  QueryParams p;
  add_member_list(p, "AutoScalingGroupNames", names);
  auto pages = client.query_pages(kAutoScaling, "DescribeAutoScalingGroups", p);
  if (!pages) return pages.error();
  std::vector<AutoScalingGroup> out;
  for (const auto& page : *pages) {
    for (auto g : list_at(page.result, "AutoScalingGroups")) {
      AutoScalingGroup x;
      x.name = g.child_value("AutoScalingGroupName");
      x.arn = g.child_value("AutoScalingGroupARN");
      std::string owner = fmt::format("group `{}`", excerpt(x.name));
      for (auto [field, target] : {std::pair{"MinSize", &x.min_size}, std::pair{"MaxSize", &x.max_size},
                                std::pair{"DesiredCapacity", &x.desired_capacity}}) {
        if (auto bad = read_count(g, "DescribeAutoScalingGroups", field, owner, *target)) return *bad;
      }
      x.created_time = parse_iso8601(g.child_value("CreatedTime"));
      for (auto i : list_at(g, "Instances"))
        x.instances.push_back({i.child_value("InstanceId"), i.child_value("LifecycleState"), i.child_value("HealthStatus"),
                               i.child_value("AvailabilityZone"), text_at(i, "LaunchTemplate/Version")});
      x.tags = read_tags(g, "Tags");
      out.push_back(std::move(x));
    }
  }
  return out;
}

Outcome<std::vector<ScalingActivity>> describe_scaling_activities(AwsClient& client, const std::string& group, size_t max) {
  std::vector<ScalingActivity> out;
  if (max == 0) return out;
  auto read_page = [&](const XmlAnswer& a) {
    for (auto m : list_at(a.result, "Activities")) {
      out.push_back({m.child_value("ActivityId"), m.child_value("AutoScalingGroupName"), m.child_value("Description"),
                     m.child_value("Cause"), m.child_value("StatusCode"), m.child_value("StatusMessage"),
                     parse_iso8601(m.child_value("StartTime")), parse_iso8601(m.child_value("EndTime"))});
      if (out.size() >= max) return false;
    }
    return true;
  };
  Status read = client.query_each_page(kAutoScaling, "DescribeScalingActivities", {{"AutoScalingGroupName", group}}, read_page);
  if (!read) return read.error();
  return out;
}

Outcome<std::string> put_object(AwsClient& client, const std::string& bucket, const std::string& key, const std::string& body) {
  auto r = client.rest(kS3, "PUT", bucket, key, body, {{"Content-Type", "application/json"}});
  if (!r) return r.error();
  return client.object_url(bucket, key);
}

}  // namespace infrac::aws
