#include "cfn/intrinsics.hpp"

#include <array>

namespace infrac::cfn {
namespace {

constexpr std::array<Intrinsic, 27> kIntrinsics = {{
    {"Ref", "ref", -1, false},
    {"Fn::GetAtt", "get_att", -1, false},
    {"Fn::Sub", "sub", -1, false},
    {"Fn::Base64", "base64", -1, false},
    {"Fn::Cidr", "cidr", -1, false},
    {"Fn::FindInMap", "find_in_map", 0, false},
    {"Fn::GetAZs", "get_azs", -1, false},
    {"Fn::ImportValue", "import_value", -1, false},
    {"Fn::Join", "join", -1, false},
    {"Fn::Select", "select", -1, false},
    {"Fn::Split", "split", -1, false},
    {"Fn::If", "if", 0, false},
    {"Fn::Equals", "equals", -1, true},
    {"Fn::And", "and", -1, true},
    {"Fn::Or", "or", -1, true},
    {"Fn::Not", "not", -1, true},
    {"Condition", "condition", 0, true},
    {"Fn::Length", "", -1, false},
    {"Fn::ToJsonString", "", -1, false},
    {"Fn::Transform", "", -1, false},
    {"Fn::ForEach", "", -1, false},
    // The functions of the Rules section; Fn::ValueOf's first argument names a parameter.
    {"Fn::Contains", "contains", -1, false},
    {"Fn::EachMemberEquals", "each_member_equals", -1, false},
    {"Fn::EachMemberIn", "each_member_in", -1, false},
    {"Fn::RefAll", "ref_all", -1, false},
    {"Fn::ValueOf", "value_of", 0, false},
    {"Fn::ValueOfAll", "value_of_all", -1, false},
}};

}  // namespace

std::span<const Intrinsic> intrinsics() { return kIntrinsics; }

const Intrinsic* find_intrinsic(std::string_view key) {
  for (const auto& i : kIntrinsics) {
    if (i.key == key) return &i;
  }
  return nullptr;
}

const Intrinsic* find_intrinsic_by_infra_name(std::string_view name) {
  if (name.empty()) return nullptr;
  for (const auto& i : kIntrinsics) {
    if (i.infra_name == name) return &i;
  }
  return nullptr;
}

}  // namespace infrac::cfn
