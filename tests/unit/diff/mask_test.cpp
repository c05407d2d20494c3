// diff/mask: no secret reaches any view of the change model, however a view quotes,
// escapes, shortens or splits into lines the texts that hold it.
#include <doctest/doctest.h>

#include "diff/diff.hpp"
#include "diff/render.hpp"

using infrac::Json;
using namespace infrac::diff;

namespace {

// A NoEcho parameter with `secret` as its default, and a topic whose name is `name`.
Json with_secret(const std::string& secret, const Json& name) {
  Json t = Json::parse(R"({"Parameters": {"P": {"Type": "String", "NoEcho": "true"}},
                           "Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {}}}})");
  t["Parameters"]["P"]["Default"] = secret;
  t["Resources"]["T"]["Properties"]["TopicName"] = name;
  return t;
}

// Every view of the diff of the two templates, one after the other.
std::string all_views(const Json& a, const Json& b, const DiffOptions& options = {}) {
  Diff d = diff_stacks({{"app", StackVersion{a, std::nullopt, {}}, StackVersion{b, std::nullopt, {}}}}, options);
  return render_text(d) + render_json(d) + render_markdown(d);
}

}  // namespace

TEST_CASE("a secret with quotes and backslashes is masked in JSON, where it would be escaped") {
  std::string secret = R"(Zq"uo\Yk)";
  std::string out = all_views(with_secret(secret, "a"), with_secret(secret, "topic-" + secret));
  CHECK(out.find("Zq") == std::string::npos);
  CHECK(out.find("Yk") == std::string::npos);
  CHECK(out.find("topic-*******") != std::string::npos);
}

TEST_CASE("each line of a secret of several lines is masked in the line diff of a script") {
  std::string key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END KEY-----";
  std::string script_old = "#!/bin/bash\necho start\ncat > /etc/key <<'EOF'\nEOF\n";
  std::string script_new = "#!/bin/bash\necho start\ncat > /etc/key <<'EOF'\n" + key + "\nEOF\n";
  std::string out = all_views(with_secret(key, script_old), with_secret(key, script_new));
  CHECK(out.find("MIIEvQIBADANBgkqhkiG9w0B") == std::string::npos);
  CHECK(out.find("BEGIN KEY") == std::string::npos);
  CHECK(out.find("echo start") != std::string::npos);
}

TEST_CASE("a value given with --param for a NoEcho parameter is masked wherever the templates hold it") {
  Json a = with_secret("x", "a");
  a["Parameters"]["P"].erase("Default");
  Json b = a;
  b["Resources"]["T"]["Properties"]["TopicName"] = "s3cr3t-value";
  DiffOptions options;
  options.parameters.push_back({"P", "s3cr3t-value"});
  std::string out = all_views(a, b, options);
  CHECK(out.find("s3cr3t") == std::string::npos);
  CHECK(out.find("************") != std::string::npos);
}

TEST_CASE("a number that is a secret is masked too") {
  Json a = with_secret("8675309", "a");
  Json b = with_secret("8675309", "a");
  b["Resources"]["T"]["Properties"]["DeliveryPolicy"] = Json::parse(R"({"pin": 8675309})");
  std::string out = all_views(a, b);
  CHECK(out.find("8675309") == std::string::npos);
}
