#include "cfn/capabilities.hpp"

#include <map>

namespace infrac::cfn {

std::vector<std::string> required_capabilities(const Json& t) {
  // The IAM types whose name property, when set, needs CAPABILITY_NAMED_IAM.
  static const std::map<std::string, std::string> kNameProperty = {
      {"AWS::IAM::Role", "RoleName"},
      {"AWS::IAM::User", "UserName"},
      {"AWS::IAM::Group", "GroupName"},
      {"AWS::IAM::ManagedPolicy", "ManagedPolicyName"},
      {"AWS::IAM::InstanceProfile", "InstanceProfileName"},
  };
  bool iam = false, named = false;
  if (t.is_object() && t.contains("Resources") && t["Resources"].is_object()) {
    for (const auto& [_, r] : t["Resources"].items()) {
      if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) continue;
      std::string type = r["Type"].get<std::string>();
      if (type.rfind("AWS::IAM::", 0) != 0) continue;
      iam = true;
      auto name = kNameProperty.find(type);
      if (name != kNameProperty.end() && r.contains("Properties") && r["Properties"].is_object() &&
          r["Properties"].contains(name->second))
        named = true;
    }
  }
  std::vector<std::string> out;
  if (named)
    out.push_back("CAPABILITY_NAMED_IAM");
  else if (iam)
    out.push_back("CAPABILITY_IAM");
  if (t.is_object() && t.contains("Transform")) out.push_back("CAPABILITY_AUTO_EXPAND");
  return out;
}

}  // namespace infrac::cfn
