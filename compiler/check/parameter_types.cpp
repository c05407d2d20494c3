#include "check/parameter_types.hpp"

#include <algorithm>

namespace infrac {

const std::vector<std::string>& parameter_types() {
  static const std::vector<std::string> types = [] {
    const std::vector<std::string> aws_specific = {
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",         "AWS::EC2::Instance::Id",
        "AWS::EC2::KeyPair::KeyName",       "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
        "AWS::EC2::Subnet::Id",             "AWS::EC2::Volume::Id",        "AWS::EC2::VPC::Id",
        "AWS::Route53::HostedZone::Id"};
    std::vector<std::string> out = {"String", "Number", "List<Number>", "CommaDelimitedList", "AWS::SSM::Parameter::Name",
                                    "AWS::SSM::Parameter::Value<String>", "AWS::SSM::Parameter::Value<List<String>>",
                                    "AWS::SSM::Parameter::Value<CommaDelimitedList>"};
    for (const auto& t : aws_specific) {
      out.push_back(t);
      out.push_back("List<" + t + ">");
      out.push_back("AWS::SSM::Parameter::Value<" + t + ">");
      out.push_back("AWS::SSM::Parameter::Value<List<" + t + ">>");
    }
    return out;
  }();
  return types;
}

bool is_parameter_type(const std::string& type) {
  const auto& types = parameter_types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool is_list_parameter_type(const std::string& type) {
  return type.rfind("List<", 0) == 0 || type == "CommaDelimitedList";
}

bool is_number_parameter_type(const std::string& type) { return type == "Number" || type == "List<Number>"; }

}  // namespace infrac
