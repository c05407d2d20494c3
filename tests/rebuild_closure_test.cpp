// The rebuild proof (cfn/rebuild_proof.hpp, rendered by compiler/driver/rebuild_report.cpp):
// which resources a change of one parameter alone would modify or replace, whether every
// instance of every Auto Scaling group it reaches is replaced, against the stack policy.
//
// - The examples, with and without --rebuild-param (they declare it with `rebuild true`): a
//   rebuild of examples/rebuild-handwritten/ modifies the launch template and the group,
//   whose rolling update replaces every instance; one of examples/rebuild-classic/ replaces the launch configuration and modifies
//   the group; one of the project examples/rebuild/ (a change of AppRebuildTimestamp, the
//   parameter of its RebuildTier instance App) modifies the launch template and the group, and
//   so does each tier's of examples/two-tiers/ (WebRebuildTimestamp, ApiRebuildTimestamp); each
//   policy allows exactly that. The project examples, built on the standard library, and the
//   classic one (its launch configuration's warning silenced) must produce no warning at all
//   (their network stacks included) and pass --werror.
// - rebuild/<case>.infra: its first line is `# rebuild-param: NAME`. `infrac check
//   --rebuild-param NAME rebuild/<case>.infra` must print exactly rebuild/<case>.stderr and
//   exit 1 when that holds an `error:` line, else 0. INFRAC_UPDATE_GOLDEN=1 rewrites the
//   .stderr files. Runs from tests/ (ctest does).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_capture.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const fs::path kSourceDir = INFRAC_SOURCE_DIR;
const fs::path kCaseDir = "rebuild";
const std::string kHeader = "# rebuild-param: ";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

bool has_line_containing(const std::string& text, const std::string& part) {
  for (const std::string& line : lines_of(text)) {
    if (line.find(part) != std::string::npos) return true;
  }
  return false;
}

// clang-style diagnostics: `file:line:col: error: ...`, or `infrac: error: ...` with no location.
bool has_error_line(const std::string& text) {
  for (const std::string& line : lines_of(text)) {
    if (line.rfind("error: ", 0) == 0 || line.find(": error: ") != std::string::npos) return true;
  }
  return false;
}

// The `note:` lines that carry a location (the summary is one), without the location.
std::vector<std::string> located_notes(const std::string& text) {
  std::vector<std::string> notes;
  for (const std::string& line : lines_of(text)) {
    std::size_t at = line.find(": note: ");
    if (at != std::string::npos) notes.push_back(line.substr(at + 2));
  }
  return notes;
}

enum class Warnings { allowed, none };

// `example` is a file, or a project directory (all its .infra files).
void check_example(const fs::path& example, const std::string& summary, const std::string& parameter = "RebuildTimestamp",
                   Warnings warnings = Warnings::allowed) {
  // The examples declare their rebuild parameter (`rebuild true`): a plain check proves it,
  // and naming it with --rebuild-param proves the same, once. One without warnings passes --werror.
  std::vector<std::vector<std::string>> runs = {{"check", (kSourceDir / example).string()},
                                                {"check", "--rebuild-param", parameter, (kSourceDir / example).string()}};
  if (warnings == Warnings::none) runs.push_back({"check", "--werror", (kSourceDir / example).string()});
  for (const std::vector<std::string>& args : runs) {
    CliResult result = run_infrac(args);
    INFO("ran: ", command_line(args), "\nstderr:\n", result.err);
    CHECK(result.status == 0);
    CHECK_FALSE(has_error_line(result.err));
    if (warnings == Warnings::none) CHECK_FALSE(has_line_containing(result.err, "warning: "));
    // One summary per stack that declares a rebuild parameter (two-tiers/ has two), this one once.
    const std::vector<std::string> notes = located_notes(result.err);
    CHECK(std::count(notes.begin(), notes.end(), "note: " + summary) == 1);
    for (const std::string& note : notes) CHECK(note.rfind("note: a rebuild of stack `", 0) == 0);
  }
}

void check_case(const std::string& name, bool updating) {
  REQUIRE_MESSAGE(is_valid_case_name(name), "rebuild case '" << name << "': use only letters, digits, '_' and '-'");
  const fs::path input = kCaseDir / (name + ".infra");
  const std::vector<std::string> source = lines_of(read_file(input));
  REQUIRE_MESSAGE((!source.empty() && source[0].rfind(kHeader, 0) == 0 && source[0].size() > kHeader.size()),
                  input.generic_string() << ": the first line must be `" << kHeader << "NAME`");
  const std::string parameter = source[0].substr(kHeader.size());

  const std::vector<std::string> args{"check", "--rebuild-param", parameter, input.generic_string()};
  CliResult result = run_infrac(args);
  INFO("case ", input.generic_string(), "; ran: ", command_line(args));

  const fs::path expected_path = kCaseDir / (name + ".stderr");
  if (updating) {
    write_file(expected_path, result.err);
    MESSAGE("updated " << expected_path.generic_string());
  }
  std::optional<std::string> expected = read_file_if_exists(expected_path);
  REQUIRE_MESSAGE(expected.has_value(), expected_path.generic_string()
                                            << " is missing (INFRAC_UPDATE_GOLDEN=1 creates it); actual stderr:\n"
                                            << result.err);
  std::string difference = first_difference(*expected, result.err);
  if (!difference.empty()) {
    FAIL_CHECK("stderr differs from " << expected_path.generic_string() << ": " << difference << "\nactual stderr:\n"
                                      << result.err << "(INFRAC_UPDATE_GOLDEN=1 accepts it)");
  }
  const int expected_status = has_error_line(*expected) ? 1 : 0;
  CHECK_MESSAGE(result.status == expected_status, "exit status " << result.status << ", expected " << expected_status
                                                                 << " (1 exactly when an error is reported); stderr:\n"
                                                                 << result.err);
}

}  // namespace

// Subcases named with a `/`, so that `--subcase=<case>` of the rebuild/ cases skips them.
TEST_CASE("the examples' rebuilds touch exactly what their policies allow") {
  SUBCASE("examples/rebuild-handwritten") {
    check_example("examples/rebuild-handwritten/rebuild.infra",
                  "a rebuild of stack `app` (a change of `RebuildTimestamp` alone) replaces every instance of `AppAutoScalingGroup` "
                  "in batches of 1, keeping 1 in service; it modifies `AppLaunchTemplate` and `AppAutoScalingGroup`; the stack "
                  "policy allows exactly that");
  }
  SUBCASE("examples/rebuild-classic") {
    check_example("examples/rebuild-classic/rebuild-classic.infra",
                  "a rebuild of stack `app` (a change of `RebuildTimestamp` alone) replaces every instance of `AppAutoScalingGroup` "
                  "in batches of 1, keeping 1 in service; it replaces `AppLaunchConfiguration`, modifies `AppAutoScalingGroup`; "
                  "the stack policy allows exactly that",
                  "RebuildTimestamp", Warnings::none);
  }
  SUBCASE("examples/rebuild") {
    check_example("examples/rebuild/",
                  "a rebuild of stack `app` (a change of `AppRebuildTimestamp` alone) replaces every instance of "
                  "`AppAutoScalingGroup` in batches of 1, keeping 1 in service; it modifies `AppLaunchTemplate` and "
                  "`AppAutoScalingGroup`; the stack policy allows exactly that",
                  "AppRebuildTimestamp", Warnings::none);
  }
  SUBCASE("examples/two-tiers/web") {
    check_example("examples/two-tiers/",
                  "a rebuild of stack `web` (a change of `WebRebuildTimestamp` alone) replaces every instance of "
                  "`WebAutoScalingGroup` in batches of 1, keeping 1 in service; it modifies `WebLaunchTemplate` and "
                  "`WebAutoScalingGroup`; the stack policy allows exactly that",
                  "WebRebuildTimestamp", Warnings::none);
  }
  SUBCASE("examples/two-tiers/api") {
    check_example("examples/two-tiers/",
                  "a rebuild of stack `api` (a change of `ApiRebuildTimestamp` alone) replaces every instance of "
                  "`ApiAutoScalingGroup` in batches of 1, keeping 2 in service; it modifies `ApiLaunchTemplate` and "
                  "`ApiAutoScalingGroup`; the stack policy allows exactly that",
                  "ApiRebuildTimestamp", Warnings::none);
  }
}

TEST_CASE("rebuild cases report the expected closure") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir),
                  "rebuild/ not found in " << fs::current_path() << ": run this test from tests/ (ctest does)");
  const std::vector<std::string> cases = case_names(kCaseDir, ".infra");
  REQUIRE_MESSAGE(!cases.empty(), "no rebuild/*.infra cases found");
  const bool updating = update_golden_requested();
  for (const std::string& name : cases) {
    SUBCASE(name.c_str()) { check_case(name, updating); }
  }
}
