#include "driver/driver.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/check.hpp"
#include "lower/lower.hpp"
#include "parse/parse.hpp"
#include "resolve/resolve.hpp"

namespace infrac {
namespace {

// Returns an empty string, or why the file cannot be read.
std::string read_file(const std::string& path, std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "it is a directory";
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return std::strerror(errno);
  std::ostringstream contents;
  contents << stream.rdbuf();
  text = contents.str();
  return stream.bad() ? std::strerror(errno) : "";
}

}  // namespace

Compilation compile_files(const std::vector<std::string>& paths) {
  Compilation c;
  std::vector<ast::Module> modules;
  for (const auto& path : paths) {
    std::string text;
    if (std::string problem = read_file(path, text); !problem.empty()) {
      std::transform(problem.begin(), problem.begin() + 1, problem.begin(), [](unsigned char ch) { return std::tolower(ch); });
      c.diagnostics.error_without_location(path, "cannot read the file: " + problem);
      c.input_error = true;
      continue;
    }
    FileId id = c.sources.add(path, std::move(text));
    std::size_t errors_before = c.diagnostics.error_count();
    ast::Module module = parse(c.sources, id, c.diagnostics);
    // A module with syntax errors lacks the declarations that failed to parse;
    // checking it would only add follow-on errors about them.
    if (c.diagnostics.error_count() > errors_before) continue;
    modules.push_back(resolve(std::move(module), c.sources, c.diagnostics));
  }
  CheckedProgram program = check(modules, c.diagnostics);
  if (!c.diagnostics.has_errors()) c.stacks = lower(program);
  return c;
}

}  // namespace infrac
