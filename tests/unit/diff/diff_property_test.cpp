// Properties of `infrac diff` on random templates (CDK's test-arbitraries do the same):
// any two templates can be diffed and rendered in every format without a crash, and a
// template diffed with itself has no change at all. The generator is seeded, so a
// failure is repeatable; the loader gets random bytes too.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "cfn/load.hpp"
#include "diff/diff.hpp"
#include "diff/render.hpp"

using infrac::Json;
using namespace infrac;

namespace {

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string name() {
    static const char* names[] = {"App", "Web", "Queue", "Role", "Group", "Bucket", "Template", "Key", "Env", "Size"};
    return names[pick(10)];
  }

  Json scalar() {
    switch (pick(6)) {
      case 0: return pick(100);
      case 1: return std::to_string(pick(100));
      case 2: return pick(2) == 1;
      case 3: return "0.0.0.0/0";
      case 4: return "line one\nline " + std::to_string(pick(3)) + "\nline three\n";
      default: return name();
    }
  }

  Json value(int depth) {
    if (depth <= 0) return scalar();
    switch (pick(9)) {
      case 0: return {{"Ref", name()}};
      case 1: return {{"Fn::GetAtt", pick(2) ? Json(name() + ".Arn") : Json::array({name(), "Arn"})}};
      case 2: return {{"Fn::Sub", "#!/bin/bash\necho ${" + name() + "} ${!HOME}\nexit " + std::to_string(pick(2)) + "\n"}};
      case 3: return {{"Fn::Base64", {{"Fn::Join", {"", Json::array({"a\n", {{"Ref", name()}}, "\n"})}}}}};
      case 4: return {{"Fn::If", {name(), value(depth - 1), value(depth - 1)}}};
      case 5: {
        Json list = Json::array();
        for (int i = pick(4); i > 0; --i) list.push_back(value(depth - 1));
        return list;
      }
      case 6: {
        Json tags = Json::array();
        for (int i = pick(4); i > 0; --i) tags.push_back({{"Key", name() + std::to_string(i)}, {"Value", scalar()}});
        return tags;
      }
      case 7: {
        Json statements = Json::array();
        for (int i = pick(3); i > 0; --i) {
          statements.push_back({{"Effect", pick(2) ? "Allow" : "Deny"}, {"Action", pick(2) ? "s3:*" : "s3:GetObject"},
                                {"Resource", "*"}});
        }
        return {{"Version", "2012-10-17"}, {"Statement", statements}};
      }
      default: {
        Json map = Json::object();
        for (int i = pick(4); i > 0; --i) map[name()] = value(depth - 1);
        return map;
      }
    }
  }

  Json resource() {
    static const char* types[] = {"AWS::S3::Bucket", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate",
                                  "AWS::AutoScaling::AutoScalingGroup", "AWS::IAM::Role", "AWS::EC2::SecurityGroup",
                                  "AWS::RDS::DBInstance", "Custom::Thing", "AWS::KMS::Key"};
    Json r = {{"Type", types[pick(9)]}};
    Json properties = Json::object();
    static const char* props[] = {"ImageId", "UserData", "Tags", "SecurityGroupIngress", "Policies", "KeyPolicy",
                                  "LaunchTemplateData", "DBName", "BucketName", "MinSize"};
    for (int i = pick(5); i > 0; --i) properties[props[pick(10)]] = value(3);
    if (pick(4)) r["Properties"] = properties;
    if (pick(3) == 0) r["DependsOn"] = pick(2) ? Json(name()) : Json::array({name(), name()});
    if (pick(4) == 0) r["UpdatePolicy"] = {{"AutoScalingRollingUpdate", {{"MaxBatchSize", pick(3)}}}};
    if (pick(5) == 0) r["DeletionPolicy"] = pick(2) ? "Retain" : "Delete";
    return r;
  }

  Json template_body() {
    Json t = Json::object();
    Json parameters = Json::object();
    for (int i = pick(4); i > 0; --i) {
      Json p = {{"Type", pick(2) ? "String" : "Number"}, {"Default", scalar()}};
      if (pick(3) == 0) p["NoEcho"] = true;
      parameters[name()] = p;
    }
    if (!parameters.empty()) t["Parameters"] = parameters;
    Json resources = Json::object();
    for (int i = 1 + pick(6); i > 0; --i) resources[name() + std::to_string(pick(3))] = resource();
    t["Resources"] = resources;
    if (pick(2)) t["Outputs"] = {{"Out", {{"Value", value(2)}}}};
    if (pick(4) == 0) t["Conditions"] = {{name(), {{"Fn::Equals", {{{"Ref", name()}}, "prod"}}}}};
    return t;
  }

  Json policy() {
    Json statements = Json::array();
    for (int i = pick(3); i > 0; --i) {
      statements.push_back({{"Effect", pick(2) ? "Allow" : "Deny"}, {"Action", pick(2) ? "Update:*" : "Update:Modify"},
                            {"Principal", "*"}, {"Resource", pick(2) ? "*" : "LogicalResourceId/" + name() + "*"}});
    }
    return {{"Statement", statements}};
  }

  std::string bytes(std::size_t n) {
    static const std::string alphabet = "{}[]:,\"'!&*-?|>#\n  \tabcRef!GetAtt.0123456789\\";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += alphabet[static_cast<std::size_t>(pick(static_cast<int>(alphabet.size())))];
    return s;
  }

 private:
  std::mt19937 rng_;
};

std::optional<Json> maybe_policy(Generator& g) {
  if (g.pick(3) == 0) return std::nullopt;
  return g.policy();
}

}  // namespace

TEST_CASE("random template pairs diff and render without a crash") {
  Generator g(20261129);
  diff::DiffOptions options;  // no specification: every property change "may replace"
  for (int i = 0; i < 300; ++i) {
    diff::StackPair pair{"s", diff::StackVersion{g.template_body(), maybe_policy(g), {}},
                         diff::StackVersion{g.template_body(), maybe_policy(g), {}}};
    if (g.pick(10) == 0) pair.old_version.reset();
    if (g.pick(10) == 0) pair.new_version.reset();
    if (g.pick(4) == 0) options.parameters = {{g.name(), "x"}};
    diff::Diff d;
    REQUIRE_NOTHROW(d = diff::diff_stacks({pair}, options));
    CHECK_NOTHROW(diff::render_text(d));
    CHECK_FALSE(Json::parse(diff::render_json(d), nullptr, false).is_discarded());
    CHECK_NOTHROW(diff::render_markdown(d));
  }
}

TEST_CASE("a template diffed with itself has no change") {
  Generator g(7);
  for (int i = 0; i < 300; ++i) {
    Json t = g.template_body();
    std::optional<Json> p = maybe_policy(g);
    diff::Diff d = diff::diff_stacks({{"s", diff::StackVersion{t, p, {}}, diff::StackVersion{t, p, {}}}}, {});
    INFO(t.dump());
    CHECK(d.empty());
    CHECK(d.stacks.at(0).findings.empty());
    CHECK(diff::summary_line(d.stacks.at(0)) == "s: no changes");
  }
}

// Templates template_fuzzer found (fuzz/README.md), each diffed with itself.
TEST_CASE("a template the fuzzer found diffed with itself has no change") {
  const char* found[] = {
      // A resource, a parameter and an output declared with nothing (null) were added on both sides.
      "Resources:\n  Bucket:\n  rces:\n:S3::Bucke  Type: AWS::S3::Bucket\n",
      "{\"Parameters\": {\"P\": null}, \"Resources\": {\"R\": null}, \"Outputs\": {\"O\": null}}",
  };
  for (const char* text : found) {
    INFO(text);
    cfn::Loaded loaded = cfn::load_document(text);
    REQUIRE(loaded.value.has_value());
    diff::StackVersion side{*loaded.value, std::nullopt, {}};
    diff::Diff d = diff::diff_stacks({{"s", side, side}}, {});
    CHECK(d.empty());
    CHECK(d.stacks.at(0).findings.empty());
    CHECK(diff::summary_line(d.stacks.at(0)) == "s: no changes");
  }
}

TEST_CASE("random bytes never crash the loader") {
  Generator g(99);
  for (int i = 0; i < 2000; ++i) {
    std::string text = g.bytes(static_cast<std::size_t>(1 + g.pick(200)));
    CHECK_NOTHROW(cfn::load_document(text));
  }
}
