#include "driver/driver.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "check/check.hpp"
#include "emit/emit.hpp"
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

// CloudFormation takes a template body of at most 51,200 bytes inline and
// 1 MB from S3; only the emitted text tells how big a template is.
void check_template_sizes(const CheckedProgram& program, const std::vector<LoweredStack>& stacks, Diagnostics& diagnostics) {
  constexpr std::size_t kInlineLimit = 51200;
  constexpr std::size_t kS3Limit = 1000000;
  for (std::size_t i = 0; i < stacks.size() && i < program.stacks.size(); ++i) {
    std::size_t size = emit_template(stacks[i]).size();
    Span at = program.stacks[i]->name_span;
    if (size > kS3Limit) {
      diagnostics.error(at, fmt::format("the template of stack `{}` is {} bytes; CloudFormation accepts at most {}", stacks[i].name,
                                        size, kS3Limit));
    } else if (size > kInlineLimit) {
      auto& d = diagnostics.warning(at, fmt::format("the template of stack `{}` is {} bytes: over {}, it must be uploaded through S3",
                                                    stacks[i].name, size, kInlineLimit));
      d.notes.push_back({std::nullopt, "deploy it with a TemplateURL rather than a TemplateBody"});
    }
  }
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
  if (c.diagnostics.has_errors()) return c;
  c.stacks = lower(program);
  check_template_sizes(program, c.stacks, c.diagnostics);
  if (c.diagnostics.has_errors()) c.stacks.clear();
  return c;
}

}  // namespace infrac
