// libFuzzer target: the language server (`infrac lsp --sync`) over an in-memory transport,
// from the bytes on its standard input to its answers: Content-Length framing, JSON-RPC,
// the lifecycle, every handler, the workspace and the compiler behind it. Each input is one
// session against a new server, on a project in a temporary directory (a copy of
// tests/lsp/sessions/project: app.infra, network.infra, lib/common.infra).
//
// Two forms of input:
//   - it starts with `Content-`: the raw bytes of the standard input (framing, headers);
//   - else each line is one message body, framed with its exact Content-Length, in which
//     `${DIR}` stands for the project directory (file://${DIR}/app.infra), so that the
//     mutations reach the handlers instead of breaking the frames.
// The resource specification is loaded once per process, where the server finds it, with
// every record parsed, and each session's workspace gets a copy (sharing the mapped file and
// the parsed records): hover, completion and the checks drawn from it are fuzzed too, without
// a load per input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz/temp_dir.hpp"
#include "lsp/lsp.hpp"
#include "spec/resource_spec.hpp"

namespace {
namespace fs = std::filesystem;

const std::string& project_directory() {
  static const std::string dir = [] {
    fs::path made = infrac::fuzz::make_temporary_directory("infrac-fuzz-lsp");
    std::error_code ec;
    fs::copy(INFRAC_SOURCE_DIR "/tests/lsp/sessions/project", made, fs::copy_options::recursive, ec);
    if (ec) std::abort();
    return made.string();
  }();
  return dir;
}

const infrac::ResourceSpec& spec() {
  static const infrac::ResourceSpec loaded = [] {
    std::string path = infrac::locate_resource_spec(infrac::default_spec_locations());
    std::string error;
    std::optional<infrac::ResourceSpec> s;
    if (!path.empty()) s = infrac::load_resource_spec(path, error);
    if (!s || !s->validate(error)) std::abort();  // validate parses every record, once
    return std::move(*s);
  }();
  return loaded;
}

std::string framed_lines(std::string_view input) {
  std::string stream;
  while (!input.empty()) {
    std::size_t end = input.find('\n');
    std::string body(input.substr(0, end));
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    if (body.empty()) continue;
    for (std::size_t at; (at = body.find("${DIR}")) != std::string::npos;) body.replace(at, 6, project_directory());
    stream += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  return stream;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input.starts_with("Content-") ? std::string(input) : framed_lines(input));
  std::ostringstream out, log;
  infrac::lsp::ServerOptions options;
  options.synchronous = true;
  options.spec = &spec();
  (void)infrac::lsp::serve(in, out, log, options);
  return 0;
}
