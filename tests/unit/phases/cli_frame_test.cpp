// The command-line frame (cli/cli.cpp): dispatch, usage errors and --help, whatever the command.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run run(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  int status = infrac::run_cli(args, out, err, {});
  return {status, out.str(), err.str()};
}

const std::vector<std::string> kCommands = {"build", "check", "deploy", "rebuild", "diff", "fmt", "lsp", "inventory", "fleet", "import"};

}  // namespace

TEST_CASE("an unknown command is a usage error that names every command") {
  Run r = run({"biuld", "x.infra"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("infrac: error: unknown command `biuld`; the commands are ", 0) == 0);
  for (const auto& name : kCommands) CHECK_MESSAGE(r.err.find("`" + name + "`") != std::string::npos, name);
}

TEST_CASE("no command, or an option no command has, is a usage error") {
  CHECK(run({}).status == 2);
  CHECK(run({"check", "--no-such-option", "x.infra"}).status == 2);
}

TEST_CASE("--help lists every command and every exit status, and exits 0") {
  Run r = run({"--help"});
  CHECK(r.status == 0);
  for (const auto& name : kCommands) CHECK_MESSAGE(r.out.find("\n  " + name + " ") != std::string::npos, name);
  for (const char* status : {"0 success", "1 the input has errors", "2 usage", "3 diff", "4 a gate refused", "5 AWS failed"}) {
    CHECK_MESSAGE(r.out.find(status) != std::string::npos, status);
  }
}

// Only the command named is registered (cli.cpp): its name in the table must be the
// name it registers, and its help must be the same as with every command registered.
TEST_CASE("each command runs under its own name, alone") {
  for (const auto& name : kCommands) {
    Run r = run({name, "--help"});
    CHECK_MESSAGE(r.status == 0, name);
    CHECK_MESSAGE(r.out.find("infrac " + name) != std::string::npos, name);
  }
}

TEST_CASE("--version exits 0") {
  Run r = run({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("infrac ", 0) == 0);
}

// CLI11 lets an option given more than once take every word after it, so
// `deploy --stack app examples/rebuild/ --yes` read the project as a second stack name and
// failed with "inputs is required". Every named option takes one value per use.
TEST_CASE("a repeatable option before the inputs takes one value, in every command") {
  const std::string project = std::string(INFRAC_SOURCE_DIR) + "/examples/rebuild/";
  for (const char* command : {"deploy", "rebuild", "inventory"}) {
    Run r = run({command, "--stack", "no-such-stack", project, "--region", "eu-west-1"});
    CHECK_MESSAGE(r.status == 2, command);
    CHECK_MESSAGE(r.err.find("inputs is required") == std::string::npos, command);
    CHECK_MESSAGE(r.err.find("--stack `no-such-stack`: the project has no such stack") != std::string::npos, (std::string(command) + ": " + r.err));
  }
  Run fleet = run({"fleet", "check", "--stack", "no-such-stack", project, "--region", "eu-west-1"});
  CHECK(fleet.err.find("--stack `no-such-stack`: the project has no such stack") != std::string::npos);
}
