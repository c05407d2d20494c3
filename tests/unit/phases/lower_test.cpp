// Phase 4: the lowering rules that the byte-for-byte promise rests on.
#include <doctest/doctest.h>

#include "lower/lower_expr.hpp"
#include "lower/lower_policy.hpp"

using infrac::ast::TextPart;

TEST_CASE("Fn::Sub escapes every literal ${ and only those") {
  std::vector<TextPart> parts = {
      {TextPart::Kind::Literal, "x=${x} y=${!y} $ {z} $", {}, {}},
      {TextPart::Kind::Reference, "Res", "Attr", {}},
      {TextPart::Kind::Literal, "{w}", {}, {}},
  };
  // The literal `$` before a reference cannot combine with the reference's `{`.
  CHECK(infrac::sub_template(parts) == "x=${!x} y=${!!y} $ {z} $${Res.Attr}{w}");
}

TEST_CASE("a stack without a policy lowers to deny every update") {
  infrac::ast::Stack stack;
  infrac::Json policy = infrac::lower_policy(stack);
  CHECK(policy.dump() == R"({"Statement":[{"Effect":"Deny","Principal":"*","Action":"Update:*","Resource":"*"}]})");
}

TEST_CASE("policy statements: names share one statement, each type gets a condition") {
  infrac::ast::Stack stack;
  infrac::ast::PolicyStatement s;
  s.actions = {{infrac::ast::PolicyAction::Kind::Modify, {}}, {infrac::ast::PolicyAction::Kind::Replace, {}}};
  s.targets = {{infrac::ast::PolicyTarget::Kind::Pattern, false, "*Group", {}},
               {infrac::ast::PolicyTarget::Kind::Name, false, "Template", {}},
               {infrac::ast::PolicyTarget::Kind::Type, true, "AWS::EC2::*", {}}};
  stack.policies.push_back({{s}, {}});
  infrac::Json policy = infrac::lower_policy(stack);
  REQUIRE(policy["Statement"].size() == 2);
  CHECK(policy["Statement"][0].dump() ==
        R"({"Effect":"Allow","Principal":"*","Action":["Update:Modify","Update:Replace"],"Resource":["LogicalResourceId/*Group","LogicalResourceId/Template"]})");
  CHECK(policy["Statement"][1]["Condition"].dump() == R"({"StringNotLike":{"ResourceType":["AWS::EC2::*"]}})");
}

TEST_CASE("text that the ${! escape cannot express exactly becomes Fn::Join") {
  using Parts = std::vector<TextPart>;
  Parts simple = {{TextPart::Kind::Literal, "echo ${HOME} ", {}, {}}, {TextPart::Kind::Reference, "P", {}, {}}};
  CHECK(infrac::text_json(simple).dump() == R"({"Fn::Sub":"echo ${!HOME} ${P}"})");
  Parts nested = {{TextPart::Kind::Literal, "${A:-${B}} ", {}, {}}, {TextPart::Kind::Reference, "P", {}, {}}};
  CHECK(infrac::text_json(nested).dump() == R"({"Fn::Join":["",["${A:-${B}} ",{"Ref":"P"}]]})");
  Parts default_from_param = {{TextPart::Kind::Literal, "${R:-", {}, {}},
                              {TextPart::Kind::Reference, "AWS::Region", {}, {}},
                              {TextPart::Kind::Literal, "}", {}, {}}};
  CHECK_FALSE(infrac::sub_escapes_are_exact(default_from_param));
  Parts unclosed = {{TextPart::Kind::Literal, "echo '${' ", {}, {}}, {TextPart::Kind::Reference, "P", "Arn", {}}};
  CHECK(infrac::text_json(unclosed).dump() == R"({"Fn::Join":["",["echo '${' ",{"Fn::GetAtt":["P","Arn"]}]]})");
}

TEST_CASE("lowering records where each piece of JSON came from (the source map)") {
  using infrac::ast::Expr;
  auto span = [](std::uint32_t b, std::uint32_t e) { return infrac::Span{0, b, e}; };
  // { UserData: "echo <<Stamp>>", Ids: [Sg], Bad: base64() } with made-up spans.
  Expr text = Expr::made(Expr::Kind::Text, span(10, 30));
  text.parts = {{TextPart::Kind::Literal, "echo ", {}, span(11, 16)}, {TextPart::Kind::Reference, "Stamp", {}, span(16, 25)}};
  Expr sg = Expr::made(Expr::Kind::Reference, span(40, 42));
  sg.name = "Sg";
  sg.name_span = span(40, 42);
  Expr ids = Expr::made(Expr::Kind::List, span(39, 43));
  ids.items = {sg};
  Expr bad = Expr::made(Expr::Kind::Call, span(50, 58));
  bad.name = "base64";  // no argument: an unchecked call lowers as a plain map of its arguments
  Expr map = Expr::made(Expr::Kind::Map, span(0, 60));
  map.entries = {{"UserData", span(0, 8), text}, {"Ids", span(35, 38), ids}, {"Bad", span(45, 48), bad}};
  infrac::SourceMap sources;
  infrac::Json json = infrac::lower_expr(map, sources, infrac::cfn::JsonPointer("/Resources/R/Properties"));
  CHECK(json.dump() == R"({"UserData":{"Fn::Sub":"echo ${Stamp}"},"Ids":[{"Ref":"Sg"}],"Bad":{"base64":[]}})");
  for (const auto& r : infrac::cfn::references_in(json, infrac::cfn::JsonPointer("/Resources/R/Properties"))) {
    auto where = sources.find(r);
    REQUIRE(where);
    CHECK(where->begin == (r.name == "Stamp" ? 16u : 40u));
  }
  CHECK(sources.find(infrac::cfn::JsonPointer("/Resources/R/Properties/Bad/base64"))->begin == 50u);
  CHECK(sources.find(infrac::cfn::JsonPointer("/Elsewhere")) == std::nullopt);
}
