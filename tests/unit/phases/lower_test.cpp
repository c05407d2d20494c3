// Phase 4: the lowering rules that the byte-for-byte promise rests on.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "lower/lower.hpp"
#include "lower/lower_expr.hpp"
#include "lower/lower_policy.hpp"
#include "parse/parse.hpp"

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

namespace {

// Every JSON pointer of a value, the root included.
void all_pointers(const infrac::Json& value, const infrac::cfn::JsonPointer& at, std::vector<infrac::cfn::JsonPointer>& out) {
  out.push_back(at);
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) all_pointers(it.value(), at / it.key(), out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) all_pointers(value[i], at / i, out);
  }
}

}  // namespace

TEST_CASE("lower takes the expressions check lowered: the same template and source map as lowering them again") {
  const std::string text = R"(stack s {
  param Stamp: String
  condition Prod = equals(Stamp, "p")
  mapping Sizes { a: { size: "1" } }
  resource Role: AWS::IAM::Role { AssumeRolePolicyDocument: { Version: "2012-10-17" } }
  resource Web: AWS::EC2::LaunchTemplate {
    LaunchTemplateData: {
      UserData: base64("echo ${HOME} <<Stamp>> <<Role.Arn>>")
      Other: "${A:-${B}} <<Stamp>>"
      Written: { "Fn::Sub": "${Stamp}" }
      Ids: [Role, if(Prod, Role.Arn, ref(AWS::NoValue))]
      Size: find_in_map(Sizes, "a", "size")
    }
    metadata { Note: "x" }
  }
  output Arn = Role.Arn { export "<<AWS::StackName>>-arn" }
  policy { allow * Web }
}
)";
  auto lowered = [&](bool reuse) {
    infrac::SourceManager sources;
    infrac::Diagnostics diagnostics;
    std::vector<infrac::ast::Module> modules;
    modules.push_back(infrac::parse(sources, sources.add("t.infra", text), diagnostics));
    infrac::CheckedProgram program = infrac::check(modules, {}, diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    REQUIRE(program.references.size() == 1);
    if (!reuse) program.references.clear();  // lower() lowers every expression itself
    std::vector<infrac::LoweredStack> stacks = infrac::lower(program);
    REQUIRE(stacks.size() == 1);
    return std::move(stacks[0]);
  };
  infrac::LoweredStack taken = lowered(true);
  infrac::LoweredStack again = lowered(false);
  CHECK(taken.template_body.dump(2) == again.template_body.dump(2));
  std::vector<infrac::cfn::JsonPointer> pointers;
  all_pointers(again.template_body, infrac::cfn::JsonPointer(), pointers);
  CHECK(pointers.size() > 50);
  for (const auto& pointer : pointers) {
    INFO(pointer.to_string());
    std::optional<infrac::Span> a = taken.template_sources.find(pointer), b = again.template_sources.find(pointer);
    REQUIRE(a.has_value() == b.has_value());
    if (a) CHECK((a->begin == b->begin && a->end == b->end && a->file == b->file));
  }
  // `${Stamp}` inside the hand-written Fn::Sub, found through the sub-variable records.
  infrac::cfn::Reference sub_reference;
  sub_reference.kind = infrac::cfn::ReferenceKind::Ref;
  sub_reference.name = "Stamp";
  sub_reference.via_sub = true;
  sub_reference.path = infrac::cfn::JsonPointer("/Resources/Web/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Sub");
  std::optional<infrac::Span> a = taken.template_sources.find(sub_reference), b = again.template_sources.find(sub_reference);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->begin == b->begin);
}
