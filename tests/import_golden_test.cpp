// `infrac import` golden cases (import/README.md): each import/<case>.template.json or
// .template.yaml (with import/<case>.policy.json when there is one, and more arguments in
// import/<case>.args, one per line) is imported with --verify into a temporary <case>.infra.
// With import/<case>.infra the import must succeed and write exactly that (already as
// `infrac fmt` prints it), the checked-in source must build, and cfn-lint must find nothing
// in the built template that it does not find in the input; without one it must fail
// (exit 1) and write nothing. stderr must equal import/<case>.stderr (absent = empty), the
// temporary directory written `<out>`. INFRAC_UPDATE_GOLDEN=1 rewrites the expectations.
// Also: every template of diff/ imports and compiles back to the same template, or fails
// with a reason, never to a different one (import:diff-corpus); every golden/ template does
// (import:golden-corpus).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "format/format.hpp"
#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac;
using namespace infrac::test;

namespace {

const fs::path kCaseDir = "import";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); !from.empty() && at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::vector<std::string> case_inputs() {
  std::set<std::string> names;
  for (const char* ext : {".template.json", ".template.yaml"}) {
    for (const auto& n : case_names(kCaseDir, ext)) names.insert(n);
  }
  return {names.begin(), names.end()};
}

fs::path input_of(const std::string& name) {
  fs::path json = kCaseDir / (name + ".template.json");
  return fs::exists(json) ? json : kCaseDir / (name + ".template.yaml");
}

// The cfn-lint rules reported on a template (E/W/I and four digits).
std::set<std::string> lint_rules(const fs::path& file) {
  Process lint = run_shell("cfn-lint --format parseable -- " + shell_quote(file.string()) + " 2>&1");
  REQUIRE_MESSAGE(lint.status >= 0, "cfn-lint did not run on " << file);
  static const std::regex kFinding(R"(:([EWI]\d{4}):)");
  std::set<std::string> rules;
  std::istringstream lines(lint.output);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_search(line, match, kFinding)) rules.insert(match[1]);
  }
  CHECK_MESSAGE((lint.status & 1) == 0, "cfn-lint failed on " << file << ":\n" << lint.output);
  return rules;
}

void check_golden(const fs::path& expected, const std::string& actual) {
  if (update_golden_requested()) {
    write_file(expected, actual);
    MESSAGE("updated " << expected.generic_string());
    return;
  }
  auto want = read_file_if_exists(expected);
  std::string wanted = want ? *want : std::string();
  std::string difference = first_difference(wanted, actual);
  CHECK_MESSAGE(difference.empty(), expected.generic_string() << " differs: " << difference << "\nactual:\n" << actual);
}

void check_case(const std::string& name) {
  REQUIRE_MESSAGE(is_valid_case_name(name), "import case '" << name << "': use only letters, digits, '_' and '-'");
  TempDir tmp;
  const fs::path out = tmp.path() / (name + ".infra");
  std::vector<std::string> args{"import", input_of(name).generic_string(), "--verify", "-o", out.string()};
  if (fs::exists(kCaseDir / (name + ".policy.json"))) {
    args.push_back("--policy");
    args.push_back((kCaseDir / (name + ".policy.json")).generic_string());
  }
  if (auto extra = read_file_if_exists(kCaseDir / (name + ".args"))) {
    std::istringstream lines(*extra);
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) args.push_back(line);
    }
  }
  CliResult result = run_infrac(args);
  const fs::path golden = kCaseDir / (name + ".infra");
  bool succeeds = fs::exists(golden) || (update_golden_requested() && result.status == 0);
  check_golden(kCaseDir / (name + ".stderr"), replace_all(result.err, tmp.path().string(), "<out>"));
  if (update_golden_requested() && result.err.empty()) fs::remove(kCaseDir / (name + ".stderr"));
  if (!succeeds) {
    CHECK_MESSAGE(result.status == 1, command_line(args) << " should fail with exit status 1, got " << result.status);
    CHECK_MESSAGE(!fs::exists(out), command_line(args) << " failed but wrote " << out);
    return;
  }
  REQUIRE_MESSAGE(result.status == 0, command_line(args) << " failed with " << result.status << ":\n" << result.err);
  std::string source = read_file(out);
  check_golden(golden, source);
  // --scripts scripts/<case>: the files written beside the .infra file, compared with import/scripts/<case>/.
  const fs::path scripts = fs::path("scripts") / name;
  if (fs::is_directory(tmp.path() / scripts)) {
    for (const std::string& file : files_under(tmp.path() / scripts)) {
      check_golden(kCaseDir / scripts / file, read_file(tmp.path() / scripts / file));
    }
    if (fs::is_directory(kCaseDir / scripts)) {
      auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
      };
      CHECK_MESSAGE(sorted(files_under(kCaseDir / scripts)) == sorted(files_under(tmp.path() / scripts)),
                    "import wrote other script files than " << (kCaseDir / scripts));
    }
  }

  // The checked-in source is formatted, builds, and lints no worse than the template.
  SourceManager sources;
  Diagnostics diagnostics;
  auto formatted = format::format_text(golden.generic_string(), read_file(golden), sources, diagnostics);
  REQUIRE(formatted.has_value());
  CHECK_MESSAGE(first_difference(read_file(golden), *formatted).empty(), golden << " is not as `infrac fmt` prints it");
  const fs::path built = tmp.path() / "built";
  std::vector<std::string> build{"build", golden.generic_string(), "-o", built.string()};
  CliResult b = run_infrac(build);
  REQUIRE_MESSAGE(b.status == 0, command_line(build) << " failed:\n" << b.err);
  std::set<std::string> before = lint_rules(input_of(name));
  for (const auto& entry : fs::directory_iterator(built)) {
    if (!entry.path().string().ends_with(".template.json")) continue;
    for (const auto& rule : lint_rules(entry.path())) {
      CHECK_MESSAGE(before.count(rule), "cfn-lint reports " << rule << " on the built " << golden << ", not on its input");
    }
  }
}

// Every template of the diff cases imports to the same template, or is refused with a reason.
void check_diff_corpus() {
  std::size_t imported = 0;
  for (const auto& dir : fs::directory_iterator("diff")) {
    for (const char* side : {"old", "new"}) {
      for (const char* ext : {".json", ".yaml"}) {
        fs::path input = dir.path() / (std::string(side) + ext);
        if (!fs::exists(input)) continue;
        std::vector<std::string> args{"import", input.generic_string(), "--verify"};
        fs::path policy = dir.path() / (std::string(side) + ".policy.json");
        if (fs::exists(policy)) {
          args.push_back("--policy");
          args.push_back(policy.generic_string());
        }
        CliResult r = run_infrac(args);
        INFO(command_line(args), "\n", r.err);
        CHECK(r.err.find("compiles to a different template") == std::string::npos);
        CHECK((r.status == 0 || (r.status == 1 && r.out.empty())));
        if (r.status == 0) {
          CHECK(r.err.find("infrac: verified:") != std::string::npos);
          ++imported;
        }
      }
    }
  }
  CHECK(imported >= 5);
}

// Every template the compiler's golden cases hold, with its policy, imports and compiles back
// to the same template and policy: infra's own output is a corpus of every construct.
void check_golden_corpus() {
  std::size_t imported = 0;
  const std::string suffix = ".template.json";
  for (const std::string& stem : case_names("golden", suffix)) {
    fs::path input = fs::path("golden") / (stem + suffix);
    std::vector<std::string> args{"import", input.generic_string(), "--verify"};
    fs::path policy = fs::path("golden") / (stem + ".policy.json");
    if (fs::exists(policy)) {
      args.push_back("--policy");
      args.push_back(policy.generic_string());
    }
    CliResult r = run_infrac(args);
    CHECK_MESSAGE(r.status == 0, command_line(args) << " failed with " << r.status << ":\n" << r.err);
    imported += r.status == 0;
  }
  CHECK(imported >= 40);
}

}  // namespace

TEST_CASE("import golden cases") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir), "import/ not found in " << fs::current_path() << ": run from tests/");
  const std::vector<std::string> cases = case_inputs();
  REQUIRE_MESSAGE(!cases.empty(), "no import/*.template.json or .template.yaml cases found");
  for (const std::string& name : cases) {
    SUBCASE(name.c_str()) { check_case(name); }
  }
  SUBCASE("diff-corpus") { check_diff_corpus(); }
  SUBCASE("golden-corpus") { check_golden_corpus(); }
}
