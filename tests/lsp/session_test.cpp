// Scripted JSON-RPC sessions against the real `infrac lsp --sync` (tests/lsp/README.md):
// each sessions/<case>.session is sent line by line and every reply matched.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lsp/lsp_client.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string json_escaped(const std::string& text) {
  std::string quoted = json(text).dump();
  return quoted.substr(1, quoted.size() - 2);
}

// ${DIR}: the copy of the case's project; ${TEXT:name}: that file's text, escaped for a JSON string.
std::string expand(std::string line, const fs::path& dir) {
  for (std::size_t at; (at = line.find("${DIR}")) != std::string::npos;) line.replace(at, 6, dir.generic_string());
  for (std::size_t at; (at = line.find("${TEXT:")) != std::string::npos;) {
    std::size_t end = line.find('}', at);
    std::string name = line.substr(at + 7, end - at - 7);
    line.replace(at, end - at + 1, json_escaped(infrac::test::read_file(dir / name)));
  }
  return line;
}

struct Directive {
  std::string kind;  // "-->", "raw", "<--", "project", "rm", "exit"
  std::string text;
  int line = 0;
};

std::vector<Directive> read_session(const fs::path& file) {
  std::vector<Directive> out;
  std::istringstream in(infrac::test::read_file(file));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if ((line[0] == ' ' || line[0] == '\t') && !out.empty()) {  // a continuation line
      out.back().text += line;
      continue;
    }
    std::size_t space = line.find(' ');
    std::string kind = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (kind == "-->" && rest.rfind("raw ", 0) == 0) {
      kind = "raw";
      rest = rest.substr(4);
    }
    out.push_back({kind, rest, number});
  }
  return out;
}

void run_session(const std::string& name) {
  const fs::path sessions = fs::path("lsp") / "sessions";
  infrac::test::TempDir temp;
  fs::path dir = temp.path() / "project";
  fs::create_directories(dir);
  if (fs::is_directory(sessions / name)) fs::copy(sessions / name, dir, fs::copy_options::recursive);
  infrac::test::LspProcess server({INFRAC_BINARY, "lsp", "--sync"});
  const auto deadline = std::chrono::seconds(20);
  bool exited = false;
  for (const Directive& d : read_session(sessions / (name + ".session"))) {
    INFO(name << ".session:" << d.line << ": " << d.kind << " " << d.text.substr(0, 200));
    std::string text = expand(d.text, dir);
    if (d.kind == "-->") {
      server.send(json::parse(text));
    } else if (d.kind == "raw") {
      server.send_raw(json::parse(text).get<std::string>());
    } else if (d.kind == "<--") {
      bool timed_out = false;
      std::optional<json> got = server.receive(deadline, timed_out);
      REQUIRE_MESSAGE(got.has_value(), (timed_out ? "no reply in time" : "the server closed its output"));
      std::string why;
      CHECK_MESSAGE(infrac::test::json_matches(json::parse(text), *got, why), why);
    } else if (d.kind == "project") {
      fs::copy(sessions / d.text, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    } else if (d.kind == "rm") {
      fs::remove(dir / text);
    } else if (d.kind == "exit") {
      CHECK(server.finish(deadline) == std::stoi(text));
      exited = true;
    } else {
      FAIL("unknown directive `" << d.kind << "`");
    }
  }
  if (!exited) CHECK(server.finish(deadline) == 0);
  // Nothing the script did not expect, and nothing but messages on stdout.
  bool timed_out = false;
  std::optional<json> extra = server.receive(std::chrono::milliseconds(200), timed_out);
  CHECK_MESSAGE(!extra.has_value(), "an unexpected message: " << (extra ? extra->dump().substr(0, 300) : ""));
  CHECK(server.stray_output() == "");
}

}  // namespace

TEST_CASE("lsp sessions") {
  auto names = infrac::test::case_names(fs::path("lsp") / "sessions", ".session");
  REQUIRE(!names.empty());
  for (const auto& name : names) {
    SUBCASE(name.c_str()) { run_session(name); }
  }
}
