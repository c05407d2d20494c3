#include "resolve/output_types.hpp"

#include <map>
#include <optional>

#include "check/parameter_types.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// The AWS-specific parameter type of a resource's Ref, or of one of its attributes.
std::optional<std::string> resource_value_type(const std::string& type, const std::string& attribute) {
  static const std::map<std::pair<std::string, std::string>, std::string> types = {
      {{"AWS::EC2::VPC", ""}, "AWS::EC2::VPC::Id"},
      {{"AWS::EC2::VPC", "VpcId"}, "AWS::EC2::VPC::Id"},
      {{"AWS::EC2::Subnet", ""}, "AWS::EC2::Subnet::Id"},
      {{"AWS::EC2::Subnet", "SubnetId"}, "AWS::EC2::Subnet::Id"},
      {{"AWS::EC2::Subnet", "AvailabilityZone"}, "AWS::EC2::AvailabilityZone::Name"},
      {{"AWS::EC2::SecurityGroup", "GroupId"}, "AWS::EC2::SecurityGroup::Id"},
      {{"AWS::EC2::Instance", ""}, "AWS::EC2::Instance::Id"},
      {{"AWS::EC2::Instance", "AvailabilityZone"}, "AWS::EC2::AvailabilityZone::Name"},
      {{"AWS::EC2::Volume", ""}, "AWS::EC2::Volume::Id"},
      {{"AWS::EC2::KeyPair", ""}, "AWS::EC2::KeyPair::KeyName"},
      {{"AWS::Route53::HostedZone", ""}, "AWS::Route53::HostedZone::Id"},
      {{"AWS::Route53::HostedZone", "Id"}, "AWS::Route53::HostedZone::Id"},
  };
  auto it = types.find({type, attribute});
  if (it == types.end()) return std::nullopt;
  return it->second;
}

bool is_aws_specific(const std::string& type) { return type.rfind("AWS::EC2::", 0) == 0 || type.rfind("AWS::Route53::", 0) == 0; }

// The type of one value of the producer: a reference to a typed parameter or a resource.
std::optional<std::string> value_type(const ast::Stack& producer, const ast::Expr& e) {
  if (e.kind != Kind::Reference) return std::nullopt;
  for (const auto& p : producer.parameters) {
    if (p.name == e.name && e.attribute.empty() && is_aws_specific(p.type.text)) return p.type.text;
    if (p.name == e.name && e.attribute.empty() && p.type.text.rfind("List<", 0) == 0) return p.type.text;
  }
  for (const auto& r : producer.resources) {
    if (r.name == e.name) return resource_value_type(r.type.text, e.attribute);
  }
  return std::nullopt;
}

}  // namespace

std::string output_parameter_type(const ast::Stack& producer, const ast::Output& output) {
  const ast::Expr& v = output.value;
  if (std::optional<std::string> single = value_type(producer, v); single && single->rfind("List<", 0) != 0) return *single;
  // join(",", [a, b]) of values of one type, or join(",", ListParameter): a list of that type.
  if (v.kind == Kind::Call && v.name == "join" && v.items.size() == 2 && v.items[0].kind == Kind::String && v.items[0].text == ",") {
    const ast::Expr& joined = v.items[1];
    if (std::optional<std::string> list = value_type(producer, joined); list && list->rfind("List<", 0) == 0) return *list;
    if (joined.kind == Kind::List && !joined.items.empty()) {
      std::optional<std::string> first = value_type(producer, joined.items.front());
      for (const auto& item : joined.items) {
        if (!first || value_type(producer, item) != first || first->rfind("List<", 0) == 0) return "String";
      }
      return is_parameter_type("List<" + *first + ">") ? "List<" + *first + ">" : "String";
    }
  }
  return "String";
}

}  // namespace infrac
