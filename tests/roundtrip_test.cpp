// Shell scripts must survive the trip through infrac and CloudFormation unchanged: for each
// tests/roundtrip/scripts/<name>.sh, embed it in a generated stack (via file(...) and as an
// indented text block), compile in-process, resolve UserData with the test evaluator and
// compare the decoded text with the script whose <<X>> were replaced independently here.
// Scripts named sub_*.sh use only `${...}` forms that Fn::Sub's `${!` escape expresses
// exactly, so they must lower to Fn::Sub; the others may need Fn::Join.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostics/render.hpp"
#include "driver/driver.hpp"
#include "roundtrip/script_case.hpp"
#include "support/cfn_eval.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const fs::path kScriptDir = fs::path(INFRAC_SOURCE_DIR) / "tests" / "roundtrip" / "scripts";

struct Variant {
  std::string label;
  std::string user_data_argument;  // what goes inside base64(...)
  bool interpolated;               // whether the text still holds <<X>> interpolations
  bool expect_sub = false;         // scripts named sub_*.sh must stay readable Fn::Sub
};

// Compiles `infra` and returns the lowered UserData of resource Host.
Json compile_user_data(const fs::path& infra) {
  infrac::Compilation compilation = infrac::compile_files({infra.string()});
  REQUIRE_MESSAGE(!compilation.diagnostics.has_errors(),
                  "compiling " << infra.string() << " failed:\n"
                               << infrac::render_text(compilation.diagnostics.sorted(), compilation.sources, false)
                               << "--- source ---\n"
                               << read_file(infra));
  REQUIRE(compilation.stacks.size() == 1);
  const Json& body = compilation.stacks.front().template_body;
  const Json::json_pointer where("/Resources/Host/Properties/UserData");
  REQUIRE_MESSAGE(body.contains(where), "no Resources.Host.Properties.UserData in\n" << body.dump(2));
  return body.at(where);
}

// Resolves UserData like CloudFormation and decodes it; fails the test on an evaluation error.
std::string deployed_text(const Json& user_data, const CfnContext& context) {
  try {
    Json encoded = evaluate(user_data, context);
    REQUIRE_MESSAGE(encoded.is_string(), "UserData did not resolve to a string: " << encoded.dump());
    return base64_decode(encoded.get<std::string>());
  } catch (const CfnEvalError& error) {
    FAIL("CloudFormation would reject UserData: " << error.what() << "\nUserData: " << user_data.dump(2));
  }
  return {};
}

Json check_variant(const fs::path& dir, const Variant& variant, const std::string& script) {
  INFO("variant: ", variant.label);
  const fs::path infra = dir / (variant.label + ".infra");
  const std::vector<std::string> names = interpolated_names(script);
  write_file(infra, roundtrip_infra(variant.interpolated ? parameter_names(names) : std::vector<std::string>{},
                                    variant.user_data_argument));
  Json user_data = compile_user_data(infra);
  REQUIRE_MESSAGE((user_data.is_object() && user_data.size() == 1 && user_data.contains("Fn::Base64")),
                  "UserData is not {\"Fn::Base64\": ...}: " << user_data.dump(2));
  const Json& text = user_data.at("Fn::Base64");
  const std::string expected = expected_text(script);
  if (variant.interpolated) {
    // Fn::Sub where its `${!` escape is exact, Fn::Join where it is not (`${a:-${b}}`).
    CHECK_MESSAGE((text.is_object() && (text.contains("Fn::Sub") || text.contains("Fn::Join"))),
                  "interpolated text is neither Fn::Sub nor Fn::Join: " << text.dump());
    if (variant.expect_sub) {
      CHECK_MESSAGE(text.contains("Fn::Sub"), "every ${ of this script closes plainly, yet it is not Fn::Sub: " << text.dump());
    }
  } else {
    REQUIRE_MESSAGE(text.is_string(), "text without interpolation is not a plain string: " << text.dump(2));
    std::string difference = first_difference(expected, text.get<std::string>());
    CHECK_MESSAGE(difference.empty(), "plain string differs from the script: " << difference);
  }
  std::string difference = first_difference(expected, deployed_text(user_data, roundtrip_context(names)));
  CHECK_MESSAGE(difference.empty(), "the deployed UserData differs from the script: " << difference);
  return user_data;
}

void check_script(const std::string& name) {
  const std::string script = read_file(kScriptDir / (name + ".sh"));
  REQUIRE_MESSAGE(script.find('\r') == std::string::npos, name << ".sh must not contain carriage returns");
  REQUIRE_MESSAGE((!script.empty() && script.back() == '\n'), name << ".sh must end with a newline");
  REQUIRE_MESSAGE(!interpolated_names(script).empty(), name << ".sh must use at least one <<X>> interpolation");

  TempDir dir;
  write_file(dir.path() / "scripts" / (name + ".sh"), script);
  write_file(dir.path() / "scripts" / (name + ".plain.sh"), without_interpolation(script));
  const std::string plain = without_interpolation(script);

  const bool expect_sub = name.rfind("sub_", 0) == 0;
  Json from_file = check_variant(dir.path(), {"file", "file(\"scripts/" + name + ".sh\")", true, expect_sub}, script);
  Json from_block = check_variant(dir.path(), {"text-block", text_block(script, 4), true, expect_sub}, script);
  CHECK_MESSAGE(from_file == from_block, "file(...) and the text block lowered differently:\n"
                                             << from_file.dump(2) << "\nversus\n"
                                             << from_block.dump(2));
  check_variant(dir.path(), {"plain-file", "file(\"scripts/" + name + ".plain.sh\")", false}, plain);
  check_variant(dir.path(), {"plain-text-block", text_block(plain, 4), false}, plain);
}

}  // namespace

TEST_CASE("shell scripts round-trip through infrac and CloudFormation") {
  const std::vector<std::string> scripts = case_names(kScriptDir, ".sh");
  REQUIRE_MESSAGE(!scripts.empty(), "no scripts in " << kScriptDir.string());
  for (const std::string& name : scripts) {
    SUBCASE(name.c_str()) {
      INFO("script: roundtrip/scripts/", name, ".sh");
      check_script(name);
    }
  }
}
