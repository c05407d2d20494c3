// Every errors/<case>.infra must fail `infrac check` with exit status 1 and stderr exactly
// errors/<case>.stderr (which must hold an `error:` line), and `infrac build` must fail the
// same way without writing anything. INFRAC_UPDATE_GOLDEN=1 rewrites the .stderr files.
// Runs from tests/ (ctest does).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const fs::path kCaseDir = "errors";

// clang-style diagnostics: `file:line:col: error: ...`, or `error: ...` with no location.
bool has_error_line(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("error: ", 0) == 0 || line.find(": error: ") != std::string::npos) return true;
  }
  return false;
}

void check_check_command(const std::string& name, const fs::path& input, bool updating) {
  const std::vector<std::string> args{"check", input.generic_string()};
  CliResult result = run_infrac(args);
  INFO("ran: ", command_line(args));
  CHECK_MESSAGE(result.status == 1, "exit status " << result.status << ", expected 1; stderr:\n" << result.err);

  const fs::path expected_path = kCaseDir / (name + ".stderr");
  if (updating) {
    write_file(expected_path, result.err);
    MESSAGE("updated " << expected_path.generic_string());
  }
  std::optional<std::string> expected = read_file_if_exists(expected_path);
  REQUIRE_MESSAGE(expected.has_value(),
                  expected_path.generic_string() << " is missing (INFRAC_UPDATE_GOLDEN=1 creates it); actual stderr:\n"
                                                 << result.err);
  CHECK_MESSAGE(has_error_line(*expected), expected_path.generic_string()
                                               << " has no `error:` line: an error case must expect an error");
  std::string difference = first_difference(*expected, result.err);
  if (!difference.empty()) {
    FAIL_CHECK("stderr differs from " << expected_path.generic_string() << ": " << difference
                                      << "\nactual stderr:\n"
                                      << result.err << "(INFRAC_UPDATE_GOLDEN=1 accepts it)");
  }
}

void check_build_writes_nothing(const fs::path& input) {
  TempDir out;
  const std::vector<std::string> args{"build", input.generic_string(), "-o", out.path().string()};
  CliResult result = run_infrac(args);
  INFO("ran: ", command_line(args));
  CHECK_MESSAGE(result.status == 1, "exit status " << result.status << ", expected 1; stderr:\n" << result.err);
  std::vector<std::string> written = files_under(out.path());
  std::string listing;
  for (const std::string& file : written) listing += "\n  " + file;
  CHECK_MESSAGE(written.empty(), "a failed build wrote files:" << listing);
}

}  // namespace

TEST_CASE("error cases fail with the expected diagnostics") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir),
                  "errors/ not found in " << fs::current_path() << ": run this test from tests/ (ctest does)");
  const std::vector<std::string> cases = case_names(kCaseDir, ".infra");
  REQUIRE_MESSAGE(!cases.empty(), "no errors/*.infra cases found");
  const bool updating = update_golden_requested();
  for (const std::string& name : cases) {
    SUBCASE(name.c_str()) {
      REQUIRE_MESSAGE(is_valid_case_name(name), "error case '" << name << "': use only letters, digits, '_' and '-'");
      const fs::path input = kCaseDir / (name + ".infra");
      INFO("case ", input.generic_string());
      check_check_command(name, input, updating);
      check_build_writes_nothing(input);
    }
  }
}
