// libFuzzer target: a whole project build (parse, resolve with imports and file() texts,
// check, lower, emit) from one input split into files. The input is the main file; a line
// `#=== NAME` starts another file called NAME (letters, digits, `_`, `-`, `.`, `/`; no `..`),
// which the main file can `import` or read with `file()`. The files are written into a
// directory of this process and compiled as a project, without the resource specification
// (it is slow to load; its checks are exercised by the test suite).
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
#include "fuzz/parts.hpp"
#include "fuzz/temp_dir.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path& work_directory() {
  static const fs::path dir = infrac::fuzz::make_temporary_directory("infrac-fuzz");
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
  int files = 0;
  for (const infrac::fuzz::Part& part : infrac::fuzz::split_parts(input, "main.infra", 8)) {
    std::string name = files == 0 || safe_name(part.name) ? std::string(part.name) : "file" + std::to_string(files) + ".infra";
    write(dir / name, part.text);
    ++files;
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
