// diff/align, diff/compare, diff/lines: the building blocks, checked on the model.
#include <doctest/doctest.h>

#include "diff/align.hpp"
#include "diff/compare.hpp"
#include "diff/lines.hpp"
#include "diff/render.hpp"

using infrac::Json;
using namespace infrac::diff;

namespace {

std::vector<ValueChange> changes(const char* a, const char* b) {
  std::vector<ValueChange> out;
  std::vector<std::string> path;
  compare_values(Json::parse(a), Json::parse(b), path, out);
  return out;
}

}  // namespace

TEST_CASE("one inserted item is one change, not a rewritten list") {
  auto c = changes(R"(["a", "b", "c"])", R"(["a", "x", "b", "c"])");
  REQUIRE(c.size() == 1);
  CHECK(c[0].change == Change::Added);
  CHECK(path_text(c[0].path) == "[1]");
}

TEST_CASE("tags are matched by Key, statements by Sid") {
  auto c = changes(R"([{"Key": "A", "Value": 1}, {"Key": "B", "Value": 2}])", R"([{"Key": "B", "Value": 3}, {"Key": "A", "Value": 1}])");
  REQUIRE(c.size() == 1);
  CHECK(path_text(c[0].path) == "[Key=B].Value");
  Alignment a = align_lists(Json::parse(R"([{"Sid": "x"}, {"Sid": "y"}])"), Json::parse(R"([{"Sid": "y"}])"));
  CHECK(a.key == "Sid");
  REQUIRE(a.items.size() == 2);
  CHECK_FALSE(a.items[0].new_index);  // x removed, where it was
}

TEST_CASE("a changed item between equal ones is paired, so a script in a list gets a line diff") {
  auto c = changes(R"(["#!/bin/sh\necho a\necho b\n"])", R"(["#!/bin/sh\necho a\necho c\n"])");
  REQUIRE(c.size() == 1);
  REQUIRE(c[0].text);
  CHECK(c[0].text->hunks.at(0).lines.size() == 4);
  // Ingress rules without a key: the most similar rule is the changed one.
  auto rules = changes(R"([{"IpProtocol": "tcp", "FromPort": 80, "CidrIp": "10.0.0.0/8"}])",
                       R"([{"IpProtocol": "tcp", "FromPort": 22, "CidrIp": "0.0.0.0/0"},
                           {"IpProtocol": "tcp", "FromPort": 80, "CidrIp": "10.0.0.0/16"}])");
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].change == Change::Added);
  CHECK(path_text(rules[1].path) == "[1].CidrIp");
}

TEST_CASE("CloudFormation's equality: no change for 10 and \"10\", nor for the two GetAtt forms") {
  CHECK(changes(R"({"a": 10, "b": {"Fn::GetAtt": "R.Arn"}})", R"({"a": "10", "b": {"Fn::GetAtt": ["R", "Arn"]}})").empty());
}

TEST_CASE("a policy held as a JSON text is compared as structure") {
  auto c = changes(R"({"P": "{\"Statement\": [{\"Sid\": \"A\", \"Action\": \"s3:GetObject\"}]}"})",
                   R"({"P": "{\"Statement\": [{\"Sid\": \"A\", \"Action\": \"s3:*\"}]}"})");
  REQUIRE(c.size() == 1);
  CHECK(path_text(c[0].path) == "P.Statement[Sid=A].Action");
}

TEST_CASE("a Ref that names something else is one change of the whole value") {
  auto c = changes(R"({"V": {"Ref": "A"}})", R"({"V": {"Ref": "B"}})");
  REQUIRE(c.size() == 1);
  CHECK(path_text(c[0].path) == "V");
}

TEST_CASE("line diffs: hunks with three lines of context, old lines before new ones") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += (i == 10 ? std::string("changed\n") : "line " + std::to_string(i) + "\n");
  }
  auto hunks = diff_lines(a, b);
  REQUIRE(hunks.size() == 1);
  CHECK(hunks[0].old_start == 7);
  CHECK(hunks[0].old_count == 7);
  CHECK(hunks[0].lines[3].kind == '-');
  CHECK(hunks[0].lines[4].kind == '+');
  CHECK(diff_lines(a, a).empty());
}
