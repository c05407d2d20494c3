// The round-trip test's own expectations must follow the language's interpolation rule.
#include "roundtrip/script_case.hpp"

#include <doctest/doctest.h>

using namespace infrac::test;

TEST_CASE("interpolations are found but escapes, heredocs and shifts are not") {
  const std::string script =
      "<<Env>> <<AWS::Region>> <<Bucket.Arn>> <<Db.Endpoint.Address>> <<Bucket>> <<Env>>\n"
      "cat <<EOF\ncat << 'EOF'\ncat <<-EOF\ntr <<< \"$x\"\n$((1<<3)) $((n<<shift))\n"
      "<<!Literal>> <<!EOF>>/log << >> <<x y>> <<Env\n<<9x>> <<a.>> <<a::>>\n";
  CHECK(interpolated_names(script) ==
        std::vector<std::string>{"Env", "AWS::Region", "Bucket.Arn", "Db.Endpoint.Address", "Bucket"});
  CHECK(parameter_names(interpolated_names(script)) == std::vector<std::string>{"Env"});
}

TEST_CASE("expected text replaces interpolations and unescapes escapes") {
  CHECK(fake_value("Env") == "PARAM_VALUE_Env");
  CHECK(fake_value("AWS::Region") == "eu-west-1");
  CHECK(fake_value("Bucket") == "REF_Bucket");
  CHECK(fake_value("Db.Endpoint.Address") == "ATTR_Db_Endpoint.Address");
  CHECK(expected_text("a <<Env>> b <<!Env>> c <<<x ${y} <<!EOF>>/f\n") ==
        "a PARAM_VALUE_Env b <<Env>> c <<<x ${y} <<EOF>>/f\n");
  CHECK(without_interpolation("a <<Env>> b <<!Env>>\n") == "a PARAM_VALUE_Env b <<!Env>>\n");
}

TEST_CASE("the round-trip context resolves every name it was given") {
  CfnContext context = roundtrip_context({"Env", "AWS::Region", "Bucket.Arn", "Db.Endpoint.Address", "Bucket"});
  CHECK(substitute("${Env}|${AWS::Region}|${Bucket.Arn}|${Db.Endpoint.Address}|${Bucket}", {}, context) ==
        "PARAM_VALUE_Env|eu-west-1|ATTR_Bucket_Arn|ATTR_Db_Endpoint.Address|REF_Bucket");
}

TEST_CASE("text blocks indent non-empty lines and use a long enough fence") {
  CHECK(text_block("a\n\n\tb  \n", 4) == "```sh\n    a\n\n    \tb  \n    ```");
  CHECK(text_block("x ```` y\n", 2) == "`````sh\n  x ```` y\n  `````");
}

TEST_CASE("the generated stack declares parameters and embeds the UserData argument") {
  std::string infra = roundtrip_infra({"Env", "Tag"}, "file(\"scripts/x.sh\")");
  CHECK(infra.find("  param Env: String\n  param Tag: String\n") != std::string::npos);
  CHECK(infra.find("UserData: base64(file(\"scripts/x.sh\"))\n") != std::string::npos);
}
