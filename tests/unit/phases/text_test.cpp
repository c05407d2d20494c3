// Strings, text blocks and interpolation.
#include <doctest/doctest.h>

#include "parse/text.hpp"

using infrac::ast::Expr;
using infrac::ast::TextPart;

TEST_CASE("interpolation splits names, attributes and pseudo parameters; <<!Name>> stays literal") {
  std::vector<TextPart> parts;
  infrac::split_interpolations("a <<P>> b <<Res.Attr.Sub>> <<AWS::Region>> <<!Lit>> <<EOF <<< x", 0, 0, parts);
  REQUIRE(parts.size() == 7);
  CHECK(parts[1].kind == TextPart::Kind::Reference);
  CHECK(parts[1].text == "P");
  CHECK(parts[1].span.begin == 2);
  CHECK(parts[1].span.end == 7);
  CHECK(parts[3].text == "Res");
  CHECK(parts[3].attribute == "Attr.Sub");
  CHECK(parts[5].text == "AWS::Region");
  CHECK(parts[6].text == " <<Lit>> <<EOF <<< x");
}

TEST_CASE("string escapes decode, and a string without interpolation is a plain String") {
  infrac::Diagnostics d;
  Expr e = infrac::string_literal_expr(R"("a\"b\\c\n\u00e9")", 0, 0, d);
  CHECK_FALSE(d.has_errors());
  CHECK(e.kind == Expr::Kind::String);
  CHECK(e.text == "a\"b\\c\n\xc3\xa9");
}

TEST_CASE("an escape next to an interpolation keeps both") {
  infrac::Diagnostics d;
  Expr e = infrac::string_literal_expr(R"("\t<<X>>\n")", 0, 0, d);
  REQUIRE(e.kind == Expr::Kind::Text);
  REQUIRE(e.parts.size() == 3);
  CHECK(e.parts[0].text == "\t");
  CHECK(e.parts[1].text == "X");
  CHECK(e.parts[2].text == "\n");
}

TEST_CASE("a text block loses the closing fence's indentation and keeps everything else") {
  infrac::Diagnostics d;
  std::string block = "```sh\n    echo ${x} \\\n      $(date)\n\n    \tcat <<-EOF\n    ```";
  Expr e = infrac::text_block_expr(block, 0, 0, d);
  CHECK_FALSE(d.has_errors());
  REQUIRE(e.kind == Expr::Kind::String);
  CHECK(e.text == "echo ${x} \\\n  $(date)\n\n\tcat <<-EOF\n");
}

TEST_CASE("a text block line indented less than the closing fence is an error at that line") {
  infrac::Diagnostics d;
  std::string block = "```\n    ok\n  short\n    ```";
  infrac::text_block_expr(block, 0, 10, d);
  REQUIRE(d.error_count() == 1);
  CHECK(d.all()[0].span->begin == 10 + 11);
}
