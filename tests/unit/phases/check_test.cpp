// Phase 3 on small programs: what passes, what is reported, and where.
#include <doctest/doctest.h>

#include "check/check.hpp"
#include "check/policy.hpp"
#include "parse/parse.hpp"

namespace {

std::vector<std::string> check_messages(const std::string& text) {
  infrac::SourceManager sources;
  infrac::Diagnostics diagnostics;
  std::vector<infrac::ast::Module> modules;
  modules.push_back(infrac::parse(sources, sources.add("t.infra", text), diagnostics));
  infrac::check(modules, {}, diagnostics);
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) out.push_back(d.message);
  return out;
}

}  // namespace

TEST_CASE("policy patterns use * as a wildcard over the whole logical id") {
  CHECK(infrac::glob_match("*AutoScalingGroup", "AppAutoScalingGroup"));
  CHECK(infrac::glob_match("App*Group", "AppAutoScalingGroup"));
  CHECK(infrac::glob_match("*", ""));
  CHECK_FALSE(infrac::glob_match("*AutoScalingGroup", "AppAutoScalingGroupX"));
  CHECK_FALSE(infrac::glob_match("App", "AppGroup"));
  CHECK(infrac::glob_match("a*b*c", "aXbYbc"));
}

TEST_CASE("a correct stack gives no diagnostic") {
  CHECK(check_messages("stack s { param P: String  resource T: AWS::SNS::Topic { DisplayName: P }  policy { allow * T } }").empty());
}

TEST_CASE("a stack without a policy is warned about, not rejected") {
  auto messages = check_messages("stack s { resource T: AWS::SNS::Topic {} }");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "stack `s` declares no policy: every update of its resources is denied");
}

TEST_CASE("a policy pattern that matches nothing is an error") {
  auto messages = check_messages("stack s { resource T: AWS::SNS::Topic {}  policy { allow modify \"*Group\" } }");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "policy pattern \"*Group\" matches no resource of stack `s`");
}

TEST_CASE("unknown names are reported once each, in source order") {
  auto messages = check_messages(
      "stack s { resource T: AWS::SNS::Topic { DisplayName: Nope  TopicName: \"<<Missing>>\" }  policy { allow * T } }");
  REQUIRE(messages.size() == 2);
  CHECK(messages[0] == "unknown name `Nope`");
  CHECK(messages[1] == "unknown name `Missing`");
}

TEST_CASE("condition functions belong to conditions") {
  auto messages = check_messages(
      "stack s { param P: String  resource T: AWS::SNS::Topic { DisplayName: equals(P, \"a\") }  policy { allow * T } }");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "`equals` can only be used in a condition declaration");
}

TEST_CASE("conditions that share an or() are followed once each, not once per path") {
  // C0 = or(C1, C1), C1 = or(C2, C2), ...: 2^depth paths to the end of the chain.
  // Whether `Queue`'s condition follows from `Topic`'s is asked once per condition.
  std::string text = "stack s { param Env: String  condition Own = equals(Env, \"a\")  condition C40 = equals(Env, \"b\")\n";
  for (int i = 39; i >= 0; --i) {
    text += "condition C" + std::to_string(i) + " = or(condition(C" + std::to_string(i + 1) + "), condition(C" + std::to_string(i + 1) +
            "))\n";
  }
  text += "resource Queue: AWS::SQS::Queue { condition C0 }\n"
          "resource Topic: AWS::SNS::Topic { condition Own  DisplayName: Queue.QueueName }\n"
          "policy { allow * \"*\" } }";
  auto messages = check_messages(text);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0] == "`Queue` exists only when condition `C0` is true, and nothing here guards this reference to it");
}
