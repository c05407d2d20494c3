// The Query protocol both ways, with fixtures in the form of botocore's shared protocol
// tests (tests/aws/protocol/query_{input,output}.json: a request and its exact wire body;
// a wire answer and the value or error it must decode to).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "aws/query.hpp"
#include "aws/xml.hpp"
#include "support/files.hpp"

using namespace infrac::aws;
using nlohmann::json;

namespace {

json fixtures(const char* name) {
  return json::parse(infrac::test::read_file(std::string("aws/protocol/") + name));
}

}  // namespace

TEST_CASE("query input: the form-encoded body") {
  for (const auto& c : fixtures("query_input.json")) {
    CAPTURE(c["description"].get<std::string>());
    QueryParams params;
    for (const auto& p : c["params"]) params.emplace_back(p[0], p[1]);
    CHECK(encode_query(c["action"], c["version"], params) == c["body"].get<std::string>());
  }
}

TEST_CASE("query output: values, lists and errors from the XML answer") {
  for (const auto& c : fixtures("query_output.json")) {
    CAPTURE(c["description"].get<std::string>());
    HttpResponse response;
    response.status = c["response"]["status_code"];
    response.body = c["response"]["body"];
    Outcome<XmlAnswer> answer = decode_answer(response, c["operation"]);
    if (c.contains("error")) {
      REQUIRE_FALSE(answer.ok());
      const json& e = c["error"];
      CHECK(answer.error().code == e["code"].get<std::string>());
      if (e.contains("message")) CHECK(answer.error().message == e["message"].get<std::string>());
      if (e.contains("message_contains"))
        CHECK(answer.error().message.find(e["message_contains"].get<std::string>()) != std::string::npos);
      if (e.contains("request_id")) CHECK(answer.error().request_id == e["request_id"].get<std::string>());
      CHECK((answer.error().kind == AwsError::Kind::Protocol) == (e["kind"] == "protocol"));
      continue;
    }
    REQUIRE_MESSAGE(answer.ok(), answer.error().describe());
    if (c.contains("result")) {
      for (const auto& [key, value] : c["result"].items()) CHECK(text_at(answer->result, key.c_str()) == value.get<std::string>());
    }
    if (c.contains("list")) {
      std::vector<std::string> got;
      for (auto m : list_at(answer->result, c["list"]["path"].get<std::string>().c_str()))
        got.push_back(m.child_value(c["list"]["member"].get<std::string>().c_str()));
      CHECK(got == c["list"]["values"].get<std::vector<std::string>>());
    }
  }
}
