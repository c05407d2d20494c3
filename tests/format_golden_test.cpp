// Every format/<case>.infra, formatted, must equal format/<case>.infra.golden byte for
// byte, and the golden must be formatted already (formatting is idempotent).
// INFRAC_UPDATE_GOLDEN=1 rewrites the expectations instead. Runs from tests/ (ctest does).
#include <doctest/doctest.h>

#include <filesystem>

#include "format/format.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using namespace infrac;
using namespace infrac::test;

namespace {

const fs::path kCaseDir = "format";

std::string format_or_fail(const std::string& path, const std::string& text) {
  SourceManager sources;
  Diagnostics diagnostics;
  auto formatted = format::format_text(path, text, sources, diagnostics);
  REQUIRE_MESSAGE(formatted.has_value(), path << " does not parse (" << diagnostics.error_count() << " errors)");
  return *formatted;
}

void check_case(const std::string& name) {
  REQUIRE_MESSAGE(is_valid_case_name(name), "format case '" << name << "': use only letters, digits, '_' and '-'");
  const fs::path input = kCaseDir / (name + ".infra");
  const fs::path golden = kCaseDir / (name + ".infra.golden");
  std::string formatted = format_or_fail(input.generic_string(), read_file(input));
  if (update_golden_requested()) {
    write_file(golden, formatted);
    MESSAGE("updated " << golden.generic_string());
  } else {
    auto expected = read_file_if_exists(golden);
    REQUIRE_MESSAGE(expected.has_value(), golden.generic_string() << " does not exist (INFRAC_UPDATE_GOLDEN=1 creates it)");
    std::string difference = first_difference(*expected, formatted);
    CHECK_MESSAGE(difference.empty(), input.generic_string() << " formats differently from " << golden.generic_string() << ": "
                                                             << difference << "\nformatted:\n" << formatted);
  }
  std::string again = format_or_fail(golden.generic_string(), formatted);
  std::string difference = first_difference(formatted, again);
  CHECK_MESSAGE(difference.empty(), "formatting " << input.generic_string() << " twice changes it again: " << difference);
}

}  // namespace

TEST_CASE("format golden cases") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir), "format/ not found in " << fs::current_path() << ": run from tests/");
  const std::vector<std::string> cases = case_names(kCaseDir, ".infra");
  REQUIRE_MESSAGE(!cases.empty(), "no format/*.infra cases found");
  for (const std::string& name : cases) {
    SUBCASE(name.c_str()) { check_case(name); }
  }
}
