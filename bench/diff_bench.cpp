// `infrac diff` on two templates of 500 resources each (generated, deterministic):
// launch templates with 60-line user data, Auto Scaling groups on them, security
// groups with ingress lists, IAM roles with policy documents, tagged buckets. The new
// template edits a script line in 20 launch templates, a tag in 20 buckets, an ingress
// rule in 10 groups, and adds and removes 5 resources. Times loading both (JSON text),
// the diff (with the resource specification, impact and verdicts) and each renderer;
// with tests/cdk_diff installed (npm ci), CDK's differ on the same pair for scale
// (node's start-up included, wall-clock). Not a test: it prints a table.
//
//   diff_bench [--reps N]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "bench/timing.hpp"
#include "cfn/load.hpp"
#include "diff/diff.hpp"
#include "diff/render.hpp"
#include "spec/resource_spec.hpp"

namespace fs = std::filesystem;
using infrac::bench::time_it;
using infrac::bench::Timing;
using infrac::Json;

namespace {

std::string user_data(int n, bool edited) {
  std::string s = "#!/bin/bash\nset -euo pipefail\n";
  for (int line = 0; line < 60; ++line) {
    s += line == 30 && edited ? "echo edited ${AWS::Region}\n" : "echo step " + std::to_string(line) + " of ${Stamp" + std::to_string(n % 7) + "}\n";
  }
  return s;
}

// 100 groups of five resources: launch template, group, security group, role, bucket.
Json make_template(bool edited) {
  Json resources = Json::object();
  for (int i = 0; i < 100; ++i) {
    std::string n = std::to_string(i);
    bool edit = edited && i % 5 == 0;
    if (edited && i >= 95) continue;  // five groups removed...
    resources["Lt" + n] = {{"Type", "AWS::EC2::LaunchTemplate"},
                           {"Properties", {{"LaunchTemplateData", {{"ImageId", "ami-12345678"}, {"InstanceType", "t3.small"},
                                                                   {"UserData", {{"Fn::Base64", {{"Fn::Sub", user_data(i, edit)}}}}}}}}}};
    resources["Asg" + n] = {{"Type", "AWS::AutoScaling::AutoScalingGroup"},
                            {"UpdatePolicy", {{"AutoScalingRollingUpdate", {{"MaxBatchSize", 1}}}}},
                            {"Properties", {{"MinSize", 1}, {"MaxSize", 3},
                                            {"LaunchTemplate", {{"LaunchTemplateId", {{"Ref", "Lt" + n}}},
                                                                {"Version", {{"Fn::GetAtt", {"Lt" + n, "LatestVersionNumber"}}}}}}}}};
    Json ingress = Json::array();
    for (int port : {80, 443, 8080}) ingress.push_back({{"IpProtocol", "tcp"}, {"FromPort", port}, {"ToPort", port}, {"CidrIp", "10.0.0.0/8"}});
    if (edited && i % 10 == 0) ingress.push_back({{"IpProtocol", "tcp"}, {"FromPort", 22}, {"ToPort", 22}, {"CidrIp", "10.1.0.0/16"}});
    resources["Sg" + n] = {{"Type", "AWS::EC2::SecurityGroup"},
                           {"Properties", {{"GroupDescription", "group " + n}, {"SecurityGroupIngress", ingress}}}};
    resources["Role" + n] = {{"Type", "AWS::IAM::Role"},
                             {"Properties", {{"AssumeRolePolicyDocument", {{"Version", "2012-10-17"}, {"Statement", {{{"Effect", "Allow"}, {"Principal", {{"Service", "ec2.amazonaws.com"}}}, {"Action", "sts:AssumeRole"}}}}}},
                                             {"Policies", {{{"PolicyName", "read"}, {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", {{{"Effect", "Allow"}, {"Action", {"s3:GetObject", "s3:ListBucket"}}, {"Resource", "arn:aws:s3:::b" + n + "/*"}}}}}}}}}}}};
    Json tags = Json::array();
    tags.push_back({{"Key", "Team"}, {"Value", edited && i % 5 == 1 ? "platform" : "core"}});
    tags.push_back({{"Key", "Index"}, {"Value", n}});
    resources["Bucket" + n] = {{"Type", "AWS::S3::Bucket"}, {"DeletionPolicy", "Retain"}, {"Properties", {{"Tags", tags}}}};
  }
  if (edited) {
    for (int i = 0; i < 5; ++i) resources["NewQueue" + std::to_string(i)] = {{"Type", "AWS::SQS::Queue"}, {"Properties", {{"VisibilityTimeout", 30}}}};
  }
  Json parameters = Json::object();
  for (int i = 0; i < 7; ++i) parameters["Stamp" + std::to_string(i)] = {{"Type", "String"}};
  return {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Parameters", parameters}, {"Resources", resources}};
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 10;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--reps") reps = std::max(1, std::atoi(argv[i + 1]));
  }
  Json old_template = make_template(false);
  Json new_template = make_template(true);
  std::string old_text = old_template.dump(2);
  std::string new_text = new_template.dump(2);
  std::string error;
  std::optional<infrac::ResourceSpec> spec = infrac::load_resource_spec(infrac::locate_resource_spec(infrac::default_spec_locations()), error);
  infrac::diff::DiffOptions options;
  options.spec = spec ? &*spec : nullptr;
  infrac::diff::StackPair pair{"bench", infrac::diff::StackVersion{old_template, std::nullopt, {}},
                               infrac::diff::StackVersion{new_template, std::nullopt, {}}};
  infrac::diff::Diff result = infrac::diff::diff_stacks({pair}, options);

  std::vector<Timing> rows;
  rows.push_back(time_it("load both templates (JSON text, cfn::load_document)", reps, [&] {
    auto a = infrac::cfn::load_document(old_text);
    auto b = infrac::cfn::load_document(new_text);
  }));
  rows.push_back(time_it("diff (normalise, compare, impact, verdicts, security)", reps,
                         [&] { result = infrac::diff::diff_stacks({pair}, options); }));
  rows.push_back(time_it("render text", reps, [&] { (void)infrac::diff::render_text(result); }));
  rows.push_back(time_it("render json", reps, [&] { (void)infrac::diff::render_json(result); }));
  rows.push_back(time_it("render markdown", reps, [&] { (void)infrac::diff::render_markdown(result); }));

  fs::path cdk = fs::path(INFRAC_SOURCE_DIR) / "tests" / "cdk_diff";
  if (fs::exists(cdk / "node_modules" / "@aws-cdk" / "cloudformation-diff")) {
    fs::path dir = fs::temp_directory_path() / "infrac-diff-bench";
    fs::create_directories(dir);
    std::ofstream(dir / "old.json") << old_text;
    std::ofstream(dir / "new.json") << new_text;
    std::string command = "node '" + (cdk / "impacts.js").string() + "' '" + (dir / "old.json").string() + "' '" +
                          (dir / "new.json").string() + "' >/dev/null";
    rows.push_back(time_it("peer: CDK's differ via node (start-up included)", std::min(reps, 3), [&] {
      if (std::system(command.c_str()) != 0) std::cerr << "diff_bench: CDK's differ failed\n";
    }));
    fs::remove_all(dir);
  }

  auto counts = result.stacks[0].counts();
  std::printf("two templates of %zu and %zu resources; %s\n", old_template["Resources"].size(), new_template["Resources"].size(),
              infrac::diff::summary_line(result.stacks[0]).c_str());
  std::printf("%-58s %5s %11s %11s\n", "what", "reps", "median ms", "min ms");
  for (const auto& r : rows) std::printf("%-58s %5d %11.3f %11.3f\n", r.what.c_str(), r.reps, r.median_ms, r.min_ms);
  (void)counts;
  return 0;
}
