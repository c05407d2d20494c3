// libFuzzer target: a whole project build (parse, resolve with imports and file() texts,
// check, lower, emit) from one input split into files. The input is the main file; a line
// `#=== NAME` starts another file called NAME (letters, digits, `_`, `-`, `.`, `/`; no `..`),
// which the main file can `import` or read with `file()`. The files are written into a
// directory of this process and compiled as a project, without the resource specification
// (it is slow to load; its checks are exercised by the test suite).
#include <unistd.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/render.hpp"
#include "driver/driver.hpp"
#include "emit/emit.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path& work_directory() {
  static const fs::path dir = [] {
    std::string pattern = (fs::temp_directory_path() / "infrac-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    return fs::path(pattern);
  }();
  return dir;
}

bool safe_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/')) return false;
  }
  return true;
}

void write(const fs::path& path, std::string_view text) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream(path, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = work_directory();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string name = "main.infra";
  int files = 0;
  constexpr std::string_view kMarker = "\n#=== ";
  while (files < 8) {
    std::size_t next = input.find(kMarker);
    write(dir / name, input.substr(0, next));
    ++files;
    if (next == std::string_view::npos) break;
    input.remove_prefix(next + kMarker.size());
    std::size_t end = input.find('\n');
    std::string_view candidate = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    name = safe_name(candidate) ? std::string(candidate) : "file" + std::to_string(files) + ".infra";
  }
  infrac::CompileOptions options;
  options.use_spec = false;
  infrac::Compilation c = infrac::compile_files({(dir / "main.infra").string()}, options);
  infrac::SecretMask mask = infrac::SecretMask::of(c.diagnostics);
  (void)infrac::render_text(c.diagnostics.sorted(), c.sources, false, mask);
  for (const auto& stack : c.stacks) {
    (void)infrac::emit_template(stack);
    (void)infrac::emit_policy(stack);
  }
  if (!c.stacks.empty()) (void)infrac::emit_json(infrac::manifest(c.stacks));
  return 0;
}
