// Phase 1: source text -> AST, with spans, comments and error recovery.
#include <doctest/doctest.h>

#include "parse/parse.hpp"

namespace {

struct Parsed {
  infrac::SourceManager sources;
  infrac::Diagnostics diagnostics;
  infrac::ast::Module module;
};

Parsed parse_text(const std::string& text) {
  Parsed p;
  infrac::FileId id = p.sources.add("test.infra", text);
  p.module = infrac::parse(p.sources, id, p.diagnostics);
  return p;
}

std::string spelled(const Parsed& p, infrac::Span span) {
  return p.sources.file(span.file).text().substr(span.begin, span.end - span.begin);
}

}  // namespace

TEST_CASE("a stack's declarations land in the AST with exact spans") {
  Parsed p = parse_text(
      "stack app {\n"
      "  param Env: String = \"prod\" { description \"env\" }\n"
      "  resource Bucket: AWS::S3::Bucket { BucketName: Env  depends_on [Other] }\n"
      "  output Name = Bucket.Arn\n"
      "}\n");
  REQUIRE_FALSE(p.diagnostics.has_errors());
  REQUIRE(p.module.stacks.size() == 1);
  const auto& stack = p.module.stacks[0];
  CHECK(stack.name == "app");
  REQUIRE(stack.parameters.size() == 1);
  CHECK(stack.parameters[0].type.text == "String");
  CHECK(stack.parameters[0].default_value->text == "prod");
  CHECK(spelled(p, stack.parameters[0].name_span) == "Env");
  REQUIRE(stack.resources.size() == 1);
  const auto& bucket = stack.resources[0];
  CHECK(bucket.type.text == "AWS::S3::Bucket");
  REQUIRE(bucket.properties.size() == 1);
  CHECK(bucket.properties[0].value.kind == infrac::ast::Expr::Kind::Reference);
  CHECK(spelled(p, bucket.properties[0].value.span) == "Env");
  REQUIRE(bucket.attributes.size() == 1);
  CHECK(bucket.attributes[0].keyword == "depends_on");
  REQUIRE(stack.outputs.size() == 1);
  CHECK(stack.outputs[0].value.name == "Bucket");
  CHECK(stack.outputs[0].value.attribute == "Arn");
}

TEST_CASE("comments are kept with their spans, and `#` inside strings and text blocks is not a comment") {
  Parsed p = parse_text(
      "# head\n"
      "stack s { # after brace\n"
      "  resource T: AWS::SNS::Topic { DisplayName: \"a # b\" Other: ```\n"
      "    # shell comment\n"
      "    ```\n"
      "  }\n"
      "}\n");
  REQUIRE_FALSE(p.diagnostics.has_errors());
  REQUIRE(p.module.comments.size() == 2);
  CHECK(p.module.comments[0].text == "# head");
  CHECK(p.module.comments[1].text == "# after brace");
  CHECK(spelled(p, p.module.comments[1].span) == "# after brace");
  const auto& props = p.module.stacks[0].resources[0].properties;
  CHECK(props[0].value.text == "a # b");
  CHECK(props[1].value.text == "# shell comment\n");
}

TEST_CASE("every broken declaration is reported and the rest still parses") {
  Parsed p = parse_text(
      "stack s {\n"
      "  param A String\n"
      "  resource Ok: AWS::SNS::Topic {}\n"
      "  resource Bad: AWS::SNS::Topic { DisplayName: [1, 2 }\n"
      "  output O = Ok\n"
      "}\n");
  CHECK(p.diagnostics.error_count() == 2);
  REQUIRE(p.module.stacks.size() == 1);
  CHECK(p.module.stacks[0].resources.size() == 1);
  CHECK(p.module.stacks[0].outputs.size() == 1);
}

TEST_CASE("values of every kind") {
  Parsed p = parse_text(
      "stack s { resource R: AWS::X::Y {\n"
      "  A: -1.5  B: true  C: [1 2, 3]  D: { \"k-1\": x, K2: AWS::Region }  E: if(C, a, b)  F: Db.Endpoint.Address\n"
      "} }\n");
  REQUIRE_FALSE(p.diagnostics.has_errors());
  const auto& props = p.module.stacks[0].resources[0].properties;
  using K = infrac::ast::Expr::Kind;
  CHECK(props[0].value.kind == K::Number);
  CHECK(props[0].value.text == "-1.5");
  CHECK(props[1].value.boolean);
  CHECK(props[2].value.items.size() == 3);
  CHECK(props[3].value.entries[0].key == "k-1");
  CHECK(props[3].value.entries[1].value.name == "AWS::Region");
  CHECK(props[4].value.kind == K::Call);
  CHECK(props[4].value.items.size() == 3);
  CHECK(props[5].value.name == "Db");
  CHECK(props[5].value.attribute == "Endpoint.Address");
}

TEST_CASE("invalid UTF-8 is an error before parsing") {
  Parsed p = parse_text("stack s {\xff}");
  CHECK(p.diagnostics.error_count() == 1);
  CHECK(p.module.stacks.empty());
}
