#include "cfn/attribute_changes.hpp"

#include <array>

namespace infrac::cfn {
namespace {

struct Row {
  std::string_view type;
  std::string_view attribute;
  AttributeOnUpdate on_update;
};

constexpr auto U = AttributeOnUpdate::Unchanged;
constexpr auto C = AttributeOnUpdate::Changes;

// Identifiers and names are fixed for a resource's life; values that describe its
// current configuration change with it. Add a row when a template needs one: an
// unlisted attribute is reported as "may change", which is safe but vaguer.
constexpr std::array<Row, 44> kTable = {{
    // A launch template's every modification is a new version.
    {"AWS::EC2::LaunchTemplate", "LatestVersionNumber", C},
    {"AWS::EC2::LaunchTemplate", "DefaultVersionNumber", U},
    {"AWS::EC2::LaunchTemplate", "LaunchTemplateId", U},
    {"AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupName", U},
    {"AWS::AutoScaling::AutoScalingGroup", "AutoScalingGroupARN", U},
    {"AWS::IAM::Role", "Arn", U},
    {"AWS::IAM::Role", "RoleId", U},
    {"AWS::IAM::InstanceProfile", "Arn", U},
    {"AWS::IAM::ManagedPolicy", "PolicyArn", U},
    {"AWS::IAM::User", "Arn", U},
    {"AWS::Logs::LogGroup", "Arn", U},
    {"AWS::EC2::SecurityGroup", "GroupId", U},
    {"AWS::EC2::SecurityGroup", "VpcId", U},
    {"AWS::EC2::VPC", "CidrBlock", U},
    {"AWS::EC2::VPC", "VpcId", U},
    {"AWS::EC2::VPC", "DefaultSecurityGroup", U},
    {"AWS::EC2::Subnet", "SubnetId", U},
    {"AWS::EC2::Subnet", "AvailabilityZone", U},
    {"AWS::EC2::Subnet", "VpcId", U},
    // A stop and start (an update with interruption) gives an instance a new public address.
    {"AWS::EC2::Instance", "AvailabilityZone", U},
    {"AWS::EC2::Instance", "PrivateIp", U},
    {"AWS::EC2::Instance", "PrivateDnsName", U},
    {"AWS::EC2::Instance", "InstanceId", U},
    {"AWS::EC2::Instance", "PublicIp", C},
    {"AWS::EC2::Instance", "PublicDnsName", C},
    {"AWS::S3::Bucket", "Arn", U},
    {"AWS::S3::Bucket", "DomainName", U},
    {"AWS::S3::Bucket", "RegionalDomainName", U},
    {"AWS::S3::Bucket", "WebsiteURL", U},
    {"AWS::SNS::Topic", "TopicArn", U},
    {"AWS::SNS::Topic", "TopicName", U},
    {"AWS::SQS::Queue", "Arn", U},
    {"AWS::SQS::Queue", "QueueName", U},
    {"AWS::SQS::Queue", "QueueUrl", U},
    {"AWS::Lambda::Function", "Arn", U},
    {"AWS::KMS::Key", "Arn", U},
    {"AWS::KMS::Key", "KeyId", U},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "DNSName", U},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerArn", U},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "LoadBalancerFullName", U},
    {"AWS::ElasticLoadBalancingV2::LoadBalancer", "CanonicalHostedZoneID", U},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "TargetGroupArn", U},
    {"AWS::ElasticLoadBalancingV2::TargetGroup", "TargetGroupFullName", U},
    {"AWS::SSM::Parameter", "Value", C},
}};

}  // namespace

AttributeOnUpdate attribute_on_update(std::string_view type, std::string_view attribute) {
  if (attribute.empty()) return AttributeOnUpdate::Unchanged;
  for (const Row& row : kTable) {
    if (row.type == type && row.attribute == attribute) return row.on_update;
  }
  return AttributeOnUpdate::Unknown;
}

}  // namespace infrac::cfn
