// `infrac diff` through its command line: --rev on a real git repository, a source
// against a template, problems in a template reported at their line, --param checks,
// exit statuses, and no NoEcho value in any format.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac::test;

namespace {

const char* kStack = R"(stack app {
  param Size: Number = 1
  resource Queue: AWS::SQS::Queue {
    VisibilityTimeout: 30
  }
  policy {
    allow modify Queue
  }
}
)";

// `dir` made a git repository with every file in it committed.
void commit_all(const std::filesystem::path& dir) {
  std::string git = "git -C " + shell_quote(dir.string()) +
                    " -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false ";
  REQUIRE(run_shell(git + "init -q 2>&1").status == 0);
  REQUIRE(run_shell(git + "add -A 2>&1").status == 0);
  REQUIRE(run_shell(git + "commit -q -m one 2>&1").status == 0);
}

// The stack above with `extra` where %s is.
std::string fmt_stack(const char* stack, const std::string& extra) {
  std::string text = stack;
  return text.replace(text.find("%s"), 2, extra);
}

}  // namespace

TEST_CASE("--rev compares a source with itself at a git revision") {
  TempDir repo;
  write_file(repo.path() / "app.infra", kStack);
  commit_all(repo.path());
  std::string edited = kStack;
  edited.replace(edited.find("30"), 2, "60");
  write_file(repo.path() / "app.infra", edited);

  CliResult r = run_infrac({"diff", "--rev", "HEAD", (repo.path() / "app.infra").string(), "--exit-code"});
  INFO(r.err);
  CHECK(r.status == 3);
  CHECK(r.out.starts_with("app: 0 to replace, 1 to modify, 0 to add, 0 to remove;\n  0 denied by the stack policy; 0 security-relevant\n"));
  CHECK(r.out.find("~ Properties.VisibilityTimeout: 30 → 60") != std::string::npos);

  CliResult bad = run_infrac({"diff", "--rev", "no-such-revision", (repo.path() / "app.infra").string()});
  CHECK(bad.status == 2);
  CHECK(bad.err.find("at revision `no-such-revision`") != std::string::npos);
}

TEST_CASE("changes of an infra source cite its lines; what --rev's old side had cites REV:path") {
  TempDir repo;
  std::string two_queues = kStack;
  two_queues.replace(two_queues.find("  policy"), 0, "  resource Old: AWS::SQS::Queue {}\n");
  write_file(repo.path() / "app.infra", two_queues);
  commit_all(repo.path());
  std::string edited = kStack;
  edited.replace(edited.find("30"), 2, "60");
  write_file(repo.path() / "app.infra", edited);

  for (const std::string format : {"text", "json", "markdown"}) {
    CliResult r = run_infrac({"diff", "--rev", "HEAD", (repo.path() / "app.infra").string(), "--format", format});
    INFO(format << "\n" << r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find((repo.path() / "app.infra").string() + ":3") != std::string::npos);  // the queue
    CHECK(r.out.find((repo.path() / "app.infra").string() + ":4") != std::string::npos);  // its timeout
    CHECK(r.out.find("HEAD:app.infra:6") != std::string::npos);                         // the queue removed
    CHECK(r.out.find("infrac-diff-") == std::string::npos);
  }
}

TEST_CASE("--rev diagnostics name the old side REV:path, as git does, never the temporary copy") {
  TempDir repo;
  std::string broken = kStack;
  broken.replace(broken.find("resource"), 8, "resourc");
  write_file(repo.path() / "stacks" / "app.infra", broken);
  commit_all(repo.path());
  write_file(repo.path() / "stacks" / "app.infra", kStack);

  CliResult r = run_infrac({"diff", "--rev", "HEAD", (repo.path() / "stacks").string()});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("HEAD:stacks/app.infra:") != std::string::npos);
  CHECK(r.err.find("infrac-diff-") == std::string::npos);
  CHECK(r.err.find(repo.path().string()) == std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("an infra source against its own built template is no change; --exit-code says 0") {
  TempDir dir;
  write_file(dir.path() / "app.infra", kStack);
  REQUIRE(run_infrac({"build", (dir.path() / "app.infra").string(), "-o", dir.path().string()}).status == 0);
  CliResult r = run_infrac({"diff", (dir.path() / "app.template.json").string(), (dir.path() / "app.infra").string(),
                            "--old-policy", (dir.path() / "app.policy.json").string(), "--exit-code"});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "app: no changes\n");
}

TEST_CASE("two templates name their stack as import names it, a stack name CloudFormation accepts") {
  TempDir dir;
  write_file(dir.path() / "web_app.template.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
  std::string side = (dir.path() / "web_app.template.yaml").string();
  CliResult r = run_infrac({"diff", side, side});
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(r.out == "web-app: no changes\n");
  CHECK(run_infrac({"import", side}).out.starts_with("stack web-app {"));
}

TEST_CASE("a broken template is reported at its line, with the other side's name untouched") {
  TempDir dir;
  write_file(dir.path() / "old.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n");
  write_file(dir.path() / "new.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: !Reff X\n");
  CliResult r = run_infrac({"diff", (dir.path() / "old.yaml").string(), (dir.path() / "new.yaml").string()});
  CHECK(r.status == 1);
  CHECK(r.err.find((dir.path() / "new.yaml").string() + ":4:17: error: unknown tag `!Reff`") != std::string::npos);
  CHECK(r.err.find("old.yaml") == std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("--param must name a parameter of the new side") {
  TempDir dir;
  write_file(dir.path() / "app.infra", kStack);
  CliResult r = run_infrac({"diff", (dir.path() / "app.infra").string(), (dir.path() / "app.infra").string(), "--param", "Sise=2"});
  CHECK(r.status == 2);
  CHECK(r.err.find("did you mean `Size`?") != std::string::npos);
  CHECK(run_infrac({"diff", (dir.path() / "app.infra").string(), (dir.path() / "app.infra").string(), "--param", "Size"}).status == 2);
}

TEST_CASE("--stack names a stack of either side, with the nearest name when it does not; repeated options take one value each") {
  CliResult r = run_infrac({"diff", "--stack", "netwrk", "--stack", "app", "diff/rebuild_project/old", "diff/rebuild_project/old"});
  CHECK(r.status == 2);
  CHECK(r.err == "infrac: error: --stack `netwrk`: neither side has a stack of that name; did you mean `network`?\n");
  CHECK(r.out.empty());
  CliResult both = run_infrac({"diff", "--stack", "network", "--stack", "app", "--param", "AppRebuildTimestamp=now",
                               "--fail-on", "deny", "diff/rebuild_project/old", "diff/rebuild_project/old"});
  INFO(both.err);
  CHECK(both.status == 0);
  CHECK(both.out.starts_with("app: 0 to replace, 2 to modify"));
  CHECK(both.out.find("\nnetwork: no changes\n") != std::string::npos);
}

TEST_CASE("NoEcho values appear in no format") {
  for (const std::string format : {"text", "json", "markdown"}) {
    CliResult r = run_infrac({"diff", "diff/replace_denied/old.json", "diff/replace_denied/new.json", "--format", format});
    CHECK(r.out.find("hunter2") == std::string::npos);
    CHECK(r.err.find("hunter2") == std::string::npos);
    CHECK(r.out.find("DbPassword") != std::string::npos);
  }
}

TEST_CASE("a NoEcho default is masked wherever else its value is written, in every format") {
  TempDir dir;
  // An infra source: the let that is the default is also an output's value.
  const char* stack = R"(let Secret = "hunter2-let"
stack app {
  param P: String = Secret { no_echo true }
  resource T: AWS::SNS::Topic {}
%s  policy { allow * T }
}
)";
  write_file(dir.path() / "old.infra", fmt_stack(stack, ""));
  write_file(dir.path() / "new.infra", fmt_stack(stack, "  output O = Secret\n"));
  // Templates: the default written out again in a property.
  write_file(dir.path() / "old.json", R"({"Parameters": {"P": {"Type": "String", "NoEcho": true, "Default": "hunter2-tpl"}},
    "Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "a"}}}})");
  write_file(dir.path() / "new.json", R"({"Parameters": {"P": {"Type": "String", "NoEcho": true, "Default": "hunter2-tpl"}},
    "Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": "user hunter2-tpl"}}}})");
  for (const std::string format : {"text", "json", "markdown"}) {
    for (const char* side : {".infra", ".json"}) {
      CliResult r = run_infrac({"diff", (dir.path() / ("old" + std::string(side))).string(),
                                (dir.path() / ("new" + std::string(side))).string(), "--format", format});
      INFO(format << " " << std::string(side) << "\n" << r.out << r.err);
      CHECK(r.status == 0);
      CHECK(r.out.find("hunter2") == std::string::npos);
      CHECK(r.err.find("hunter2") == std::string::npos);
      CHECK(r.out.find(std::string(side) == ".infra" ? "***********" : "user ***********") != std::string::npos);
      if (format == "json") CHECK_FALSE(nlohmann::json::parse(r.out, nullptr, false).is_discarded());
    }
  }
}

TEST_CASE("a NoEcho default is masked in the diagnostics of a side with errors, wherever the line shows it") {
  TempDir dir;
  write_file(dir.path() / "old.infra", R"(let Secret = "hunter2-let"
stack app {
  param P: String = Secret { no_echo true }
  resource T: AWS::SNS::Topic { DisplayNam: "hunter2-let" }
}
)");
  CliResult r = run_infrac({"diff", (dir.path() / "old.infra").string(), (dir.path() / "old.infra").string()});
  INFO(r.err);
  CHECK(r.status == 1);
  CHECK(r.err.find("DisplayNam") != std::string::npos);
  CHECK(r.err.find("hunter2") == std::string::npos);
}

TEST_CASE("colour only when asked for (the terminal and NO_COLOR are decided by the environment)") {
  CliResult plain = run_infrac({"diff", "diff/security/old.json", "diff/security/new.json"});
  CHECK(plain.out.find('\x1b') == std::string::npos);
  CliResult coloured = run_infrac({"diff", "diff/security/old.json", "diff/security/new.json", "--color", "always"});
  CHECK(coloured.out.find("\x1b[31m!\x1b[0m") != std::string::npos);
  CliResult never = run_infrac({"diff", "diff/security/old.json", "diff/security/new.json", "--color", "never"});
  CHECK(never.out == plain.out);
}
