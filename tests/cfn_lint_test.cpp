// Every golden template and every template built from examples/*/ must pass cfn-lint
// (errors fail; warnings fail for the examples, and are printed for the golden templates, some
// of which show the odd corner on purpose). A golden case that shows a mistake infrac only
// warns about names the cfn-lint rule that agrees in a `# lint: expects RULE` line of its
// .infra file: that rule's findings on its templates are expected, and required. cfn-lint runs once over all files. A missing
// cfn-lint fails the test: a lint that cannot run must not look like a lint that passed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const fs::path kSourceDir = INFRAC_SOURCE_DIR;

std::vector<fs::path> files_with_suffix(const fs::path& dir, const std::string& suffix) {
  std::vector<fs::path> found;
  if (!fs::is_directory(dir)) return found;
  for (const std::string& name : case_names(dir, suffix)) found.push_back(dir / (name + suffix));
  return found;
}

// Builds each examples/<name>/ that holds .infra files as a project directory (`infrac build
// examples/<name> -o out/<name>`: all its top-level .infra files as one program) and returns
// the templates written. The build must succeed and write the project manifest.
std::vector<fs::path> build_examples(const fs::path& out) {
  std::vector<fs::path> templates;
  const fs::path examples = kSourceDir / "examples";
  if (!fs::is_directory(examples)) return templates;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(examples)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& dir : dirs) {
    if (files_with_suffix(dir, ".infra").empty()) continue;
    const fs::path target = out / dir.filename();
    const std::vector<std::string> args{"build", dir.string(), "-o", target.string()};
    CliResult result = run_infrac(args);
    CHECK_MESSAGE(result.status == 0, "building example " << dir.filename().string() << " failed (" << command_line(args)
                                                          << "), exit status " << result.status << ":\n"
                                                          << result.err);
    CHECK_MESSAGE(fs::is_regular_file(target / "infrac.manifest.json"),
                  "building example " << dir.filename().string() << " wrote no infrac.manifest.json");
    const std::vector<fs::path> built = files_with_suffix(target, ".template.json");
    CHECK_MESSAGE(!built.empty(), "building example " << dir.filename().string() << " wrote no template");
    templates.insert(templates.end(), built.begin(), built.end());
  }
  return templates;
}

// The rules each golden case expects, by case name (`# lint: expects E1029`).
std::map<std::string, std::set<std::string>> expected_rules(const fs::path& golden) {
  std::map<std::string, std::set<std::string>> out;
  const std::string marker = "# lint: expects ";
  for (const std::string& name : case_names(golden, ".infra")) {
    std::istringstream lines(read_file(golden / (name + ".infra")));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(marker, 0) == 0) out[name].insert(line.substr(marker.size()));
    }
  }
  return out;
}

// `golden/<case>.<stack>.template.json` belongs to `<case>` (case names hold no `.`).
std::string golden_case_of(const std::string& finding, const fs::path& golden) {
  const std::string prefix = golden.string() + "/";
  if (finding.rfind(prefix, 0) != 0) return {};
  const std::string file = finding.substr(prefix.size());
  return file.substr(0, file.find('.'));
}

}  // namespace

TEST_CASE("golden and example templates pass cfn-lint") {
  Process version = run_shell("cfn-lint --version 2>&1");
  REQUIRE_MESSAGE(version.status == 0, "cfn-lint cannot run (exit status "
                                           << version.status << "):\n"
                                           << version.output
                                           << "Install it with: python3 -m pip install cfn-lint "
                                              "(the cfn-lint on PATH must belong to that python3)");

  TempDir out;
  std::vector<fs::path> templates = files_with_suffix(kSourceDir / "tests" / "golden", ".template.json");
  const std::vector<fs::path> examples = build_examples(out.path());
  templates.insert(templates.end(), examples.begin(), examples.end());
  REQUIRE_MESSAGE(!templates.empty(), "no templates to lint: no tests/golden/*.template.json and no examples/*/ built");

  std::string command = "cfn-lint --format parseable --";
  for (const fs::path& file : templates) command += " " + shell_quote(file.string());
  Process lint = run_shell(command + " 2>&1");

  static const std::regex kFinding(R"(:(([EWI])\d{4}):)");
  const fs::path golden = kSourceDir / "tests" / "golden";
  const std::map<std::string, std::set<std::string>> expected = expected_rules(golden);
  std::map<std::string, std::set<std::string>> found;  // case -> expected rules seen
  // parseable findings start with the template's path, as given
  auto in_example = [&](const std::string& line) {
    return std::any_of(examples.begin(), examples.end(),
                       [&](const fs::path& built) { return line.rfind(built.string() + ":", 0) == 0; });
  };
  std::string errors;
  std::string example_warnings;
  std::string others;
  std::istringstream lines(lint.output);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (!std::regex_search(line, match, kFinding)) {
      others += line + "\n";
      continue;
    }
    const std::string rule = match[1];
    const std::string case_name = golden_case_of(line, golden);
    if (auto it = expected.find(case_name); it != expected.end() && it->second.count(rule)) {
      found[case_name].insert(rule);
      MESSAGE("cfn-lint (expected): " << line);
    } else if (match[2] == "E") {
      errors += line + "\n";
    } else if (match[2] == "W" && in_example(line)) {
      example_warnings += line + "\n";
    } else {
      MESSAGE("cfn-lint: " << line);
    }
  }
  INFO("linted ", templates.size(), " templates with: ", version.output);
  CHECK_MESSAGE(errors.empty(), "cfn-lint reported errors:\n" << errors);
  CHECK_MESSAGE(example_warnings.empty(), "cfn-lint reported warnings on templates built from examples/:\n"
                                              << example_warnings);
  // Not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE's lambda.
  for (const auto& expectation : expected) {
    const std::string& case_name = expectation.first;
    for (const std::string& rule : expectation.second) {
      CHECK_MESSAGE(found[case_name].count(rule) > 0, "golden/" << case_name << ".infra expects cfn-lint " << rule << ", which it did not report");
    }
  }
  bool expected_errors = std::any_of(found.begin(), found.end(), [](const auto& f) {
    return std::any_of(f.second.begin(), f.second.end(), [](const std::string& rule) { return rule[0] == 'E'; });
  });
  bool unexplained_failure = (lint.status & 1) != 0 || lint.status < 0 || ((lint.status & 2) != 0 && errors.empty() && !expected_errors);
  CHECK_MESSAGE(!unexplained_failure, "cfn-lint failed (exit status " << lint.status << "):\n" << others);
}
