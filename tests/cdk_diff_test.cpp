// infrac against CDK's differ (@aws-cdk/cloudformation-diff, pinned in cdk_diff/package.json):
// on every pair of diff/<case>/ (template pairs as they are; infra sources and projects built
// first, stack by stack, a new.patch applied to a copy of old/), the two must agree on what
// happens to each directly changed resource (one whose own properties change, or that is
// created or deleted): replaced or possibly replaced, updated, created, deleted. Where they disagree, cdk_diff/differences.json
// must say why infrac is right; a listed difference that no longer occurs fails too.
// Resources infrac reaches only through references (a group modified because its launch
// template's version changes) are CDK's blind spot, not a disagreement: cdk_diff/README.md.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;
using nlohmann::json;

namespace {

struct TemplatePair {
  std::string label;  // case/stack
  fs::path old_file, new_file;
};

// Every stack's template of a built side, by stack name.
std::map<std::string, fs::path> build_side(const fs::path& source, const fs::path& out) {
  CliResult r = run_infrac({"build", source.generic_string(), "-o", out.string()});
  REQUIRE_MESSAGE(r.status == 0, "infrac build " << source << ": " << r.err);
  std::map<std::string, fs::path> templates;
  for (const auto& entry : fs::directory_iterator(out)) {
    std::string name = entry.path().filename().string();
    const std::string suffix = ".template.json";
    if (name.size() > suffix.size() && name.ends_with(suffix)) templates[name.substr(0, name.size() - suffix.size())] = entry.path();
  }
  return templates;
}

// The impact class both tools can name.
std::string infrac_class(const std::string& action) {
  if (action == "replace" || action == "may replace") return "replace";
  if (action == "modify") return "update";
  if (action == "create") return "create";
  if (action == "delete") return "delete";
  return "none";
}

std::string cdk_class(const std::string& impact) {
  if (impact == "WILL_REPLACE" || impact == "MAY_REPLACE") return "replace";
  if (impact == "WILL_UPDATE") return "update";
  if (impact == "WILL_CREATE") return "create";
  if (impact == "WILL_DESTROY" || impact == "WILL_ORPHAN") return "delete";
  return "none";
}

}  // namespace

TEST_CASE("infrac and CDK's differ agree on every directly changed resource") {
  Process node = run_shell("node --version 2>&1");
  REQUIRE_MESSAGE(node.status == 0, "node is needed (tools/install-deps --test)");
  REQUIRE_MESSAGE(fs::exists("cdk_diff/node_modules/@aws-cdk/cloudformation-diff"), "run `npm ci` in tests/cdk_diff");

  std::vector<std::unique_ptr<TempDir>> temps;
  std::vector<TemplatePair> pairs;
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator("diff")) cases.push_back(entry.path().filename().string());
  std::sort(cases.begin(), cases.end());
  for (const auto& name : cases) {
    fs::path dir = fs::path("diff") / name;
    if (fs::exists(dir / "old.json") && fs::exists(dir / "new.json")) {
      pairs.push_back({name, dir / "old.json", dir / "new.json"});
      continue;
    }
    for (const std::string ext : {".infra", ""}) {
      bool patched = ext.empty() && fs::exists(dir / "new.patch");
      if (!fs::exists(dir / ("old" + ext)) || (!fs::exists(dir / ("new" + ext)) && !patched)) continue;
      temps.push_back(std::make_unique<TempDir>());
      fs::path new_side = patched ? patched_new_side(dir, temps.back()->path()) : dir / ("new" + ext);
      auto old_templates = build_side(dir / ("old" + ext), temps.back()->path() / "old");
      auto new_templates = build_side(new_side, temps.back()->path() / "new-templates");
      for (const auto& [stack, file] : new_templates) {
        if (old_templates.count(stack)) pairs.push_back({name + "/" + stack, old_templates[stack], file});
      }
      break;
    }
  }
  REQUIRE_FALSE(pairs.empty());

  std::string command = "node cdk_diff/impacts.js";
  for (const auto& p : pairs) command += " " + shell_quote(p.old_file.string()) + " " + shell_quote(p.new_file.string());
  Process cdk = run_shell(command + " 2>&1");
  REQUIRE_MESSAGE(cdk.status == 0, cdk.output);
  json cdk_results = json::parse(cdk.output);

  json documented = json::parse(read_file("cdk_diff/differences.json"));
  std::set<std::string> seen_documented;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    CliResult r = run_infrac({"diff", pairs[i].old_file.string(), pairs[i].new_file.string(), "--format", "json"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    json ours = json::parse(r.out);
    std::map<std::string, std::string> infrac_direct;
    for (const auto& change : ours["stacks"][0]["changes"]) {
      if (change["section"] != "Resources") continue;
      bool direct = change["change"] != "modified";
      for (const auto& v : change["values"]) direct |= v["path"][0] == "Properties";
      if (direct) infrac_direct[change["name"]] = infrac_class(change["action"]);
    }
    std::map<std::string, std::string> cdk_direct;
    for (const auto& [id, r2] : cdk_results[i]["resources"].items()) {
      std::string cls = cdk_class(r2["impact"]);
      if (r2["direct"].get<bool>() || cls == "create" || cls == "delete") cdk_direct[id] = cls;
    }
    std::set<std::string> ids;
    for (const auto& [id, cls] : infrac_direct) ids.insert(id);
    for (const auto& [id, cls] : cdk_direct) ids.insert(id);
    for (const auto& id : ids) {
      std::string a = infrac_direct.count(id) ? infrac_direct[id] : "none";
      std::string b = cdk_direct.count(id) ? cdk_direct[id] : "none";
      std::string key = pairs[i].label + "/" + id;
      if (a == b) continue;
      seen_documented.insert(key);
      bool listed = documented.contains(key) && documented[key]["infrac"] == a && documented[key]["cdk"] == b &&
                    !documented[key]["why"].get<std::string>().empty();
      CHECK_MESSAGE(listed, key << ": infrac says " << a << ", CDK says " << b
                                << "; add it to cdk_diff/differences.json with why infrac is right, or fix infrac");
    }
  }
  for (const auto& entry : documented.items()) {
    CHECK_MESSAGE(seen_documented.count(entry.key()), "cdk_diff/differences.json lists " << entry.key() << ", which no longer differs");
  }
}
