#pragma once
// EC2 and Auto Scaling reads: the instances and groups behind a stack. The
// rebuild verifies with them; the fleet commands reuse them. S3 PutObject for
// templates too large to send inline.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/time.hpp"

namespace infrac::aws {

struct Ec2Instance {
  std::string id, state, instance_type, image_id, private_ip, public_ip, subnet_id;
  std::string zone, private_dns, public_dns;
  std::optional<TimePoint> launch_time;
  std::map<std::string, std::string> tags;
};

struct Ec2Filter {
  std::string name;
  std::vector<std::string> values;
};

// Every page; `ids` and `filters` narrow it.
Outcome<std::vector<Ec2Instance>> describe_instances(AwsClient& client, const std::vector<std::string>& ids,
                                                     const std::vector<Ec2Filter>& filters = {});
// GetConsoleOutput: the instance's serial console output, base64 as EC2 sends it
// ("" when there is none yet; AWS refreshes it every few minutes).
Outcome<std::string> get_console_output(AwsClient& client, const std::string& instance_id);

Status terminate_instances(AwsClient& client, const std::vector<std::string>& ids);

struct GroupInstance {
  std::string id, lifecycle_state, health_status, availability_zone, launch_template_version;
};

struct AutoScalingGroup {
  std::string name, arn;
  int min_size = 0, max_size = 0, desired_capacity = 0;
  std::optional<TimePoint> created_time;
  std::vector<GroupInstance> instances;
  std::map<std::string, std::string> tags;
};

// Every page; empty `names`: every group of the account and region.
Outcome<std::vector<AutoScalingGroup>> describe_auto_scaling_groups(AwsClient& client, const std::vector<std::string>& names);

struct ScalingActivity {
  std::string id, group, description, cause, status_code, status_message;
  std::optional<TimePoint> start_time, end_time;
};

// Newest first; at most `max` (every page up to it).
Outcome<std::vector<ScalingActivity>> describe_scaling_activities(AwsClient& client, const std::string& group, size_t max = 100);

// S3 PutObject (signed like every other call); the object's URL for CloudFormation's TemplateURL.
Outcome<std::string> put_object(AwsClient& client, const std::string& bucket, const std::string& key,
                                const std::string& body);

}  // namespace infrac::aws
