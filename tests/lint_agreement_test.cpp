// infrac and AWS's linter agree on broken input. Each lint_agreement/<case>.infra marks
// every line where infrac must report an error with a trailing `# error` comment.
//
// (a) `infrac check` must exit 1 with an `error:` diagnostic on each marked line and on
//     no other line.
// (b) `infrac build --no-spec` emits the template all the same (spec checks are off),
//     unless the case says `# lint: not emitted`: its error is not a spec error, so infrac
//     refuses it even then, and the build must fail and write nothing.
// (c) cfn-lint, run once over every emitted template, must report at least one E-level
//     error for each case, or each rule a `# lint: expects RULE` line names (W1001, say:
//     infrac makes some of cfn-lint's warnings errors, because CloudFormation fails on them).
//     A `# lint: not emitted` case may keep its CloudFormation original beside it as
//     `<case>.template.json`: cfn-lint gets that instead.
// lint_agreement/README.md lists where the two deliberately differ. Runs from tests/.
#include <doctest/doctest.h>

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

const fs::path kCaseDir = "lint_agreement";

struct Case {
  std::string name;
  fs::path input;
  std::set<int> marked;  // 1-based lines with `# error`
  bool emitted = true;   // false with `# lint: not emitted`
  std::vector<std::string> expected_rules;  // from `# lint: expects RULE`; empty: any E-level finding
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim_right(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
  return text;
}

Case read_case(const std::string& name) {
  Case c{name, kCaseDir / (name + ".infra"), {}, true, {}};
  const std::vector<std::string> lines = lines_of(read_file(c.input));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = trim_right(lines[i]);
    if (line == "# lint: not emitted" || line.rfind("# lint: not emitted ", 0) == 0) c.emitted = false;
    if (const std::string expects = "# lint: expects "; line.rfind(expects, 0) == 0) c.expected_rules.push_back(line.substr(expects.size()));
    if (ends_with(line, "# error") && line.find_first_not_of(' ') != line.find("# error")) c.marked.insert(static_cast<int>(i + 1));
  }
  return c;
}

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const std::string& name : case_names(kCaseDir, ".infra")) cases.push_back(read_case(name));
  return cases;
}

// Lines of `<input>:LINE:COL: error: ...` diagnostics.
std::set<int> error_lines(const std::string& err, const std::string& input) {
  static const std::regex kError(R"(^(.*):(\d+):\d+: error: )");
  std::set<int> found;
  for (const std::string& line : lines_of(err)) {
    std::smatch match;
    if (std::regex_search(line, match, kError) && match[1] == input) found.insert(std::stoi(match[2]));
  }
  return found;
}

std::string join(const std::set<int>& lines) {
  std::string text;
  for (int line : lines) text += (text.empty() ? "" : ", ") + std::to_string(line);
  return text.empty() ? "none" : text;
}
}  // namespace

TEST_CASE("infrac reports an error on each line marked `# error`, and nowhere else") {
  REQUIRE_MESSAGE(fs::is_directory(kCaseDir),
                  "lint_agreement/ not found in " << fs::current_path() << ": run this test from tests/ (ctest does)");
  const std::vector<Case> cases = all_cases();
  REQUIRE_MESSAGE(cases.size() >= 10, "lint_agreement/ holds " << cases.size() << " cases; it needs at least 10");
  for (const Case& c : cases) {
    SUBCASE(c.name.c_str()) {
      REQUIRE_MESSAGE(is_valid_case_name(c.name), "case '" << c.name << "': use only letters, digits, '_' and '-'");
      REQUIRE_MESSAGE(!c.marked.empty(), c.input.generic_string() << " marks no line with `# error`");
      const std::vector<std::string> args{"check", c.input.generic_string()};
      CliResult result = run_infrac(args);
      INFO("ran: ", command_line(args), "\nstderr:\n", result.err);
      CHECK(result.status == 1);
      const std::set<int> found = error_lines(result.err, c.input.generic_string());
      CHECK_MESSAGE(found == c.marked, "errors on lines " << join(found) << "; marked `# error`: " << join(c.marked));
    }
  }
}

TEST_CASE("cfn-lint reports an error for every case infrac emits with --no-spec") {
  Process version = run_shell("cfn-lint --version 2>&1");
  REQUIRE_MESSAGE(version.status == 0, "cfn-lint cannot run (exit status " << version.status << "):\n"
                                                                           << version.output
                                                                           << "Install it with: python3 -m pip install cfn-lint");
  TempDir out;
  std::map<std::string, std::string> case_of_template;  // emitted template path -> case
  std::vector<std::string> emitted_cases;
  for (const Case& c : all_cases()) {
    const fs::path target = out.path() / c.name;
    const std::vector<std::string> args{"build", "--no-spec", c.input.generic_string(), "-o", target.string()};
    CliResult result = run_infrac(args);
    INFO("case ", c.input.generic_string(), "; ran: ", command_line(args), "\nstderr:\n", result.err);
    if (!c.emitted) {
      CHECK_MESSAGE(result.status == 1, "a `# lint: not emitted` case must still fail with --no-spec");
      CHECK_MESSAGE((!fs::exists(target) || files_under(target).empty()), "a failed build wrote files");
      const fs::path original = kCaseDir / (c.name + ".template.json");
      if (fs::exists(original)) {
        case_of_template[original.generic_string()] = c.name;
        emitted_cases.push_back(c.name);
      }
      continue;
    }
    REQUIRE_MESSAGE(result.status == 0, "--no-spec must emit the template (or mark the case `# lint: not emitted`)");
    for (const std::string& file : files_under(target)) {
      if (ends_with(file, ".template.json")) case_of_template[(target / file).string()] = c.name;
    }
    emitted_cases.push_back(c.name);
  }
  REQUIRE_MESSAGE(!case_of_template.empty(), "no case emitted a template");

  std::string command = "cfn-lint --format parseable --";
  for (const auto& [file, name] : case_of_template) command += " " + shell_quote(file);
  Process lint = run_shell(command + " 2>&1");

  // parseable: FILE:LINE:COLUMN:END_LINE:END_COLUMN:RULE:MESSAGE
  static const std::regex kFinding(R"(^(.*):\d+:\d+:\d+:\d+:([EWI]\d{4}):(.*)$)");
  std::map<std::string, std::vector<std::string>> errors;    // case -> E findings
  std::map<std::string, std::set<std::string>> rules_found;  // case -> every rule reported
  for (const std::string& line : lines_of(lint.output)) {
    std::smatch match;
    if (!std::regex_match(line, match, kFinding)) continue;
    auto it = case_of_template.find(match[1]);
    if (it == case_of_template.end()) continue;
    rules_found[it->second].insert(match[2].str());
    if (match[2].str()[0] != 'E') continue;
    errors[it->second].push_back(match[2].str() + ": " + match[3].str().substr(0, 160));
  }
  std::map<std::string, std::vector<std::string>> expected_rules;
  for (const Case& c : all_cases()) expected_rules[c.name] = c.expected_rules;
  for (const std::string& name : emitted_cases) {
    for (const std::string& rule : expected_rules[name]) {
      CHECK_MESSAGE(rules_found[name].count(rule) > 0, "cfn-lint does not report " << rule << " for lint_agreement/" << name
                                                                                   << "; output:\n" << lint.output);
    }
    if (!expected_rules[name].empty()) continue;
    if (errors[name].empty()) {
      FAIL_CHECK("cfn-lint reports no E-level error for lint_agreement/" << name << ".infra; " << version.output
                                                                        << "output:\n" << lint.output);
    } else {
      std::string listing;
      for (const std::string& finding : errors[name]) listing += "\n  " + finding;
      MESSAGE("lint_agreement/" << name << ".infra, cfn-lint:" << listing);
    }
  }
  // cfn-lint's exit status is a bit set: 1 a fatal problem, 2 errors, 4 warnings, 8 informational.
  CHECK_MESSAGE((lint.status >= 0 && (lint.status & 1) == 0 && (lint.status & 2) != 0),
                "cfn-lint exited " << lint.status << ", expected errors (2) and no fatal problem (1); output:\n" << lint.output);
}
