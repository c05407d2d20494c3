// Every diff/<case>/ is a pair of inputs and the expected output of each format:
//   old.<ext>, new.<ext>       the two sides: .json or .yaml templates, .infra sources, or
//                              directories old/ and new/ (projects); the syntaxes may differ
//   new.patch                  instead of new/: a unified diff (`diff -ru old new`) applied to a
//                              copy of old/ (often a link to an example), so that the case holds
//                              its change and not a copy of the example
//   old.policy.json, new.policy.json   stack policies of template sides (optional)
//   args                       more command-line arguments, one per line (optional)
//   expected.txt, expected.json, expected.md    `infrac diff` in each --format, byte for byte
//   expected.status            the exit status when not 0 (with the args given)
// When a case has several old or new sides (old.json and old.yaml, ...), every pairing
// must give the same output, but for the lines the changes are cited at (`new.json:15`,
// `new.yaml:10`): YAML and JSON of one template are one model. Each output must
// be the same on a second run. INFRAC_UPDATE_GOLDEN=1 rewrites the expectations.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

// `old.json:12` and `new.yaml:9` as `old.<template>:<line>`: where a template side cites a change.
std::string without_template_lines(const std::string& output) {
  static const std::regex kCitation(R"(\b(old|new)\.(json|yaml):[0-9]+)");
  return std::regex_replace(output, kCitation, "$1.<template>:<line>");
}

}  // namespace

namespace {

const fs::path kCaseDir = "diff";

struct Sides {
  std::string old_ext, new_ext;  // ".json", ".yaml", ".infra" or "" (a project directory)
};

// Every pair of an old and a new side the case has, same syntax first: a case with JSON and
// YAML sides is also run JSON against YAML and YAML against JSON, and all must agree.
std::vector<Sides> side_kinds(const fs::path& dir) {
  std::vector<std::string> olds, news;
  for (const std::string ext : {".json", ".yaml", ".infra", ""}) {
    bool is_dir = ext.empty();
    if (fs::exists(dir / ("old" + ext)) && fs::is_directory(dir / ("old" + ext)) == is_dir) olds.push_back(ext);
    if (fs::exists(dir / ("new" + ext)) && fs::is_directory(dir / ("new" + ext)) == is_dir) news.push_back(ext);
  }
  if (fs::exists(dir / "new.patch")) news.push_back("");
  std::vector<Sides> same, mixed;
  for (const auto& o : olds) {
    for (const auto& n : news) (o == n ? same : mixed).push_back({o, n});
  }
  same.insert(same.end(), mixed.begin(), mixed.end());
  return same;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

bool is_template(const std::string& ext) { return ext == ".json" || ext == ".yaml"; }

std::vector<std::string> case_arguments(const fs::path& dir, const Sides& kind, const fs::path& new_side) {
  std::vector<std::string> args = {"diff", (dir / ("old" + kind.old_ext)).generic_string(), new_side.generic_string()};
  if (is_template(kind.old_ext) && fs::exists(dir / "old.policy.json")) {
    args.insert(args.end(), {"--old-policy", (dir / "old.policy.json").generic_string()});
  }
  if (is_template(kind.new_ext) && fs::exists(dir / "new.policy.json")) {
    args.insert(args.end(), {"--new-policy", (dir / "new.policy.json").generic_string()});
  }
  if (auto extra = read_file_if_exists(dir / "args")) {
    std::size_t start = 0;
    while (start < extra->size()) {
      std::size_t end = extra->find('\n', start);
      if (end == std::string::npos) end = extra->size();
      if (end > start) args.push_back(extra->substr(start, end - start));
      start = end + 1;
    }
  }
  return args;
}

// The widest line of a text, in UTF-8 characters.
std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0, columns = 0;
  for (char c : text) {
    if (c == '\n') {
      widest = std::max(widest, columns);
      columns = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++columns;
    }
  }
  return std::max(widest, columns);
}

void check_case(const std::string& name) {
  const fs::path dir = kCaseDir / name;
  std::vector<Sides> kinds = side_kinds(dir);
  REQUIRE_MESSAGE(!kinds.empty(), dir.generic_string() << " has no old/new pair");
  int expected_status = 0;
  if (auto status = read_file_if_exists(dir / "expected.status")) expected_status = std::stoi(*status);
  TempDir temp;
  std::optional<fs::path> patched;
  if (fs::exists(dir / "new.patch")) patched = patched_new_side(dir, temp.path());
  for (const auto& expectation : std::vector<std::pair<std::string, std::string>>{
           {"text", "expected.txt"}, {"json", "expected.json"}, {"markdown", "expected.md"}}) {
    // References, not a structured binding: clang 14 cannot capture one in doctest's INFO/CHECK_MESSAGE.
    const std::string& format = expectation.first;
    const std::string& file = expectation.second;
    std::string first_output;
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      fs::path new_side = kinds[k].new_ext.empty() && patched ? *patched : dir / ("new" + kinds[k].new_ext);
      std::vector<std::string> args = case_arguments(dir, kinds[k], new_side);
      args.insert(args.end(), {"--format", format});
      // The patched copy stands for new/: its files are cited as new/'s would be.
      auto run = [&] {
        CliResult result = run_infrac(args);
        result.out = replace_all(result.out, new_side.generic_string(), (dir / ("new" + kinds[k].new_ext)).generic_string());
        return result;
      };
      CliResult r = run();
      INFO(command_line(args));
      INFO("stderr: " << r.err);
      CHECK(r.status == expected_status);
      CHECK(run().out == r.out);  // deterministic
      if (format == "text") CHECK(widest_line(r.out) <= 100);
      if (format == "json") CHECK_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded());
      if (k == 0) {
        first_output = r.out;
        if (update_golden_requested()) {
          write_file(dir / file, r.out);
          MESSAGE("updated " << (dir / file).generic_string());
          continue;
        }
        std::string expected = read_file(dir / file);
        std::string difference = first_difference(expected, r.out);
        CHECK_MESSAGE(difference.empty(), (dir / file).generic_string() << ": " << difference);
      } else {
        // The same changes, each cited at its line in its own file (old.json:12, old.yaml:9).
        std::string difference = first_difference(without_template_lines(first_output), without_template_lines(r.out));
        CHECK_MESSAGE(difference.empty(), "old" << kinds[k].old_ext << "/new" << kinds[k].new_ext << " differ from old"
                                                << kinds[0].old_ext << "/new" << kinds[0].new_ext << ": " << difference);
      }
    }
  }
}

}  // namespace

TEST_CASE("diff golden cases") {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCaseDir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  REQUIRE_FALSE(names.empty());
  for (const auto& name : names) {
    SUBCASE(name.c_str()) { check_case(name); }
  }
}
