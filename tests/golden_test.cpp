// Every golden/<case>.infra must build (exit 0) into exactly the files
// golden/<case>.<stack>.template.json and golden/<case>.<stack>.policy.json, byte for byte,
// with stderr equal to golden/<case>.stderr (no file: empty), and build the same way twice.
// INFRAC_UPDATE_GOLDEN=1 rewrites the expectations instead. Runs from tests/ (ctest does).
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const fs::path kCaseDir = "golden";

struct Build {
  std::vector<std::string> args;
  CliResult cli;
  std::map<std::string, std::string> outputs;  // path relative to the -o directory -> bytes
};

Build build_case(const std::string& name) {
  TempDir out;
  Build build;
  build.args = {"build", (kCaseDir / (name + ".infra")).generic_string(), "-o", out.path().string()};
  build.cli = run_infrac(build.args);
  for (const std::string& file : files_under(out.path())) build.outputs[file] = read_file(out.path() / file);
  return build;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "<stack>.template.json" or "<stack>.policy.json" directly in the output directory.
bool is_output_name(const std::string& file) {
  if (file == "infrac.manifest.json") return true;
  for (const std::string suffix : {".template.json", ".policy.json"}) {
    if (!ends_with(file, suffix) || file.size() == suffix.size()) continue;
    std::string stack = file.substr(0, file.size() - suffix.size());
    return stack.find_first_of("./\\") == std::string::npos;
  }
  return false;
}

// Output names that golden/ holds expectations for, e.g. "app.template.json".
std::set<std::string> expected_outputs(const std::string& name) {
  std::set<std::string> expected;
  const std::string prefix = name + ".";
  for (const auto& entry : fs::directory_iterator(kCaseDir)) {
    std::string file = entry.path().filename().string();
    if (file.rfind(prefix, 0) != 0) continue;
    std::string output = file.substr(prefix.size());
    if (is_output_name(output)) expected.insert(output);
  }
  return expected;
}

fs::path expectation(const std::string& name, const std::string& suffix) { return kCaseDir / (name + "." + suffix); }

void update_case(const std::string& name, const Build& build) {
  for (const std::string& stale : expected_outputs(name)) {
    if (!build.outputs.count(stale)) fs::remove(expectation(name, stale));
  }
  for (const auto& [file, bytes] : build.outputs) {
    if (is_output_name(file)) write_file(expectation(name, file), bytes);
  }
  if (build.cli.err.empty()) {
    fs::remove(expectation(name, "stderr"));
  } else {
    write_file(expectation(name, "stderr"), build.cli.err);
  }
  MESSAGE("updated the expectations of " << (kCaseDir / name).generic_string() << ".infra");
}

void compare_case(const std::string& name, const Build& build) {
  const std::set<std::string> expected = expected_outputs(name);
  for (const std::string& file : expected) {
    if (!build.outputs.count(file)) {
      FAIL_CHECK(expectation(name, file).generic_string() << " exists but the build wrote no " << file);
    }
  }
  for (const auto& [file, bytes] : build.outputs) {
    if (!expected.count(file)) continue;  // reported by check_outputs_are_expected
    std::string difference = first_difference(read_file(expectation(name, file)), bytes);
    if (!difference.empty()) {
      FAIL_CHECK(expectation(name, file).generic_string() << " differs from the built " << file << ": " << difference
                                                         << "\n(INFRAC_UPDATE_GOLDEN=1 accepts the new output)");
    }
  }
  std::string expected_err = read_file_if_exists(expectation(name, "stderr")).value_or("");
  std::string difference = first_difference(expected_err, build.cli.err);
  if (!difference.empty()) {
    FAIL_CHECK("stderr differs from " << expectation(name, "stderr").generic_string()
                                      << " (missing file = empty): " << difference << "\nactual stderr:\n"
                                      << build.cli.err);
  }
}

void check_outputs_are_expected(const std::string& name, const Build& build, bool updating) {
  const std::set<std::string> expected = expected_outputs(name);
  for (const auto& [file, bytes] : build.outputs) {
    if (!is_output_name(file)) {
      FAIL_CHECK("the build of " << name << " wrote " << file << ", which is not <stack>.template.json, <stack>.policy.json or infrac.manifest.json");
    } else if (!updating && !expected.count(file)) {
      FAIL_CHECK("the build wrote " << file << " but " << expectation(name, file).generic_string()
                                    << " does not exist (INFRAC_UPDATE_GOLDEN=1 creates it)");
    }
  }
}

void check_deterministic(const std::string& name, const Build& first) {
  Build second = build_case(name);
  CHECK_MESSAGE(second.cli.status == first.cli.status, "a second build of " << name << " exited differently");
  CHECK_MESSAGE(second.cli.err == first.cli.err, "a second build of " << name << " printed different stderr");
  std::set<std::string> first_files, second_files;
  for (const auto& entry : first.outputs) first_files.insert(entry.first);
  for (const auto& entry : second.outputs) second_files.insert(entry.first);
  REQUIRE_MESSAGE(first_files == second_files, "a second build of " << name << " wrote a different set of files");
  for (const auto& [file, bytes] : first.outputs) {
    std::string difference = first_difference(bytes, second.outputs.at(file));
    if (!difference.empty()) FAIL_CHECK("building " << name << " twice gave two different " << file << ": " << difference);
  }
}

void check_case(const std::string& name) {
  REQUIRE_MESSAGE(is_valid_case_name(name), "golden case '" << name << "': use only letters, digits, '_' and '-'");
  const bool updating = update_golden_requested();
  Build build = build_case(name);
  INFO("case ", (kCaseDir / name).generic_string(), ".infra; ran: ", command_line(build.args));
  REQUIRE_MESSAGE(build.cli.status == 0, "exit status " << build.cli.status << ", expected 0; stderr:\n"
                                                        << build.cli.err << "stdout:\n"
                                                        << build.cli.out);
  check_outputs_are_expected(name, build, updating);
  if (updating) {
    update_case(name, build);
  } else {
    compare_case(name, build);
  }
  check_deterministic(name, build);
}

}  // namespace

TEST_CASE("golden cases build to their expected templates and policies") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir),
                  "golden/ not found in " << fs::current_path() << ": run this test from tests/ (ctest does)");
  const std::vector<std::string> cases = case_names(kCaseDir, ".infra");
  REQUIRE_MESSAGE(!cases.empty(), "no golden/*.infra cases found");
  for (const std::string& name : cases) {
    SUBCASE(name.c_str()) { check_case(name); }
  }
}
