// cfn/text: user data and other texts decoded as their author wrote them.
#include <doctest/doctest.h>

#include "cfn/text.hpp"

using infrac::Json;
using namespace infrac::cfn;

TEST_CASE("Fn::Base64 of Fn::Sub: interpolations as <<Name>>, ${! unescaped") {
  auto t = decode_text(Json::parse(R"({"Fn::Base64": {"Fn::Sub": "echo ${AWS::Region} ${!HOME} ${ Res.Arn }\n"}})"));
  REQUIRE(t);
  CHECK(t->text == "echo <<AWS::Region>> ${HOME} <<Res.Arn>>\n");
  CHECK(t->base64);
  CHECK(t->form == "Fn::Sub");
}

TEST_CASE("Fn::Join of texts and references") {
  auto t = decode_text(Json::parse(
      R"({"Fn::Join": ["", ["#!/bin/bash\n", "echo ", {"Ref": "Stamp"}, " ", {"Fn::GetAtt": ["R", "Arn"]}, "\n",
          {"Fn::Select": [0, {"Ref": "L"}]}]]})"));
  REQUIRE(t);
  CHECK(t->text == "#!/bin/bash\necho <<Stamp>> <<R.Arn>>\n<<{\"Fn::Select\":[0,{\"Ref\":\"L\"}]}>>");
  CHECK(is_multiline_text(*t));
}

TEST_CASE("Fn::Sub with variables keeps them; non-texts are not decoded") {
  auto t = decode_text(Json::parse(R"({"Fn::Sub": ["a ${X}", {"X": {"Ref": "Y"}}]})"));
  REQUIRE(t);
  CHECK(t->variables["X"] == Json{{"Ref", "Y"}});
  CHECK_FALSE(decode_text(Json(3)));
  CHECK_FALSE(decode_text(Json::parse(R"({"Fn::Join": [",", {"Ref": "List"}]})")));
  CHECK_FALSE(is_multiline_text(*decode_text(Json("one line\n"))));
}
