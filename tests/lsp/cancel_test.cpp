// A re-check is cancelled in the middle of compiling when a newer edit arrives: the server
// runs in this process on pipes (the stdio framing, as a client sees it), with a hook that
// holds its first check at a cancellation point until the test has sent an edit and seen
// the server read it. No timing decides the outcome: each step waits for the one before.
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <sstream>

#include "lsp/lsp.hpp"
#include "lsp/lsp_client.hpp"
#include "lsp/uri.hpp"
#include "lsp/workspace/workspace.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;

namespace {

constexpr std::chrono::seconds kDeadline{60};  // only for a server that hangs

json receive(infrac::test::LspProcess& server) {
  bool timed_out = false;
  std::optional<json> message = server.receive(kDeadline, timed_out);
  REQUIRE_MESSAGE(message.has_value(), (timed_out ? "the server sent nothing in time" : "the server closed its output"));
  return *message;
}

}  // namespace

TEST_CASE("a check is cancelled mid-compile by a newer edit, and only the newer check is published") {
  infrac::test::TempDir dir;
  std::string app = infrac::lsp::normal_path((dir.path() / "app.infra").string());
  std::string uri = infrac::lsp::path_to_uri(app);

  std::promise<void> first_check_held, release;
  std::shared_future<void> released = release.get_future().share();
  int steps = 0;  // cancellation points reached, on the worker thread
  int steps_of_first_check = -1;
  std::ostringstream log;
  infrac::lsp::ServerOptions options;
  options.debounce = std::chrono::milliseconds(0);
  options.check_step = [&] {
    if (++steps == 1) {
      first_check_held.set_value();
      released.wait();
    }
  };
  options.check_done = [&](bool cancelled) {
    if (steps_of_first_check < 0) {
      steps_of_first_check = steps;
      CHECK(cancelled);
    }
  };
  infrac::test::LspProcess server([&](std::istream& in, std::ostream& out) { return infrac::lsp::serve(in, out, log, options); });

  server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}});
  CHECK(receive(server)["id"] == 1);
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  // Version 1 has an error; the check of it stops at its first cancellation point.
  server.send({{"jsonrpc", "2.0"},
               {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "infra"}, {"version", 1}, {"text", "stack app {\n  output O = Nope\n}\n"}}}}}});
  REQUIRE(first_check_held.get_future().wait_for(kDeadline) == std::future_status::ready);
  // Version 2 fixes it. A request after it is answered once the edit has been read.
  server.send({{"jsonrpc", "2.0"},
               {"method", "textDocument/didChange"},
               {"params",
                {{"textDocument", {{"uri", uri}, {"version", 2}}},
                 {"contentChanges", json::array({{{"text", "stack app {\n  resource Topic: AWS::SNS::Topic {}\n  output O = \"fine\"\n}\n"}}})}}}});
  server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "textDocument/documentSymbol"}, {"params", {{"textDocument", {{"uri", uri}}}}}});
  CHECK(receive(server)["id"] == 2);
  release.set_value();

  // The first message published is for version 2, without version 1's error: its check
  // stopped where it was and published nothing.
  json published = receive(server);
  CHECK(published["method"] == "textDocument/publishDiagnostics");
  CHECK(published["params"]["uri"] == uri);
  CHECK(published["params"]["version"] == 2);
  for (const auto& d : published["params"]["diagnostics"]) CHECK(d["message"].get<std::string>().find("Nope") == std::string::npos);

  server.send({{"jsonrpc", "2.0"}, {"id", 99}, {"method", "shutdown"}});
  CHECK(receive(server)["id"] == 99);
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.finish(kDeadline) == 0);
  CHECK(steps_of_first_check == 1);  // it stopped at the point where the edit found it
  CHECK(log.str().find("cancelled") != std::string::npos);
  CHECK(server.stray_output().empty());
}
