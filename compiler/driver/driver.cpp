#include "driver/driver.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "check/check.hpp"
#include "emit/emit.hpp"
#include "lower/lower.hpp"
#include "parse/parse.hpp"
#include "resolve/resolve.hpp"
#include "spec/resource_spec.hpp"

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

// Without the specification infrac still compiles, but says what it cannot check.
std::optional<ResourceSpec> load_spec(Diagnostics& diagnostics) {
  std::vector<std::string> tried;
  std::string path = locate_resource_spec(default_spec_locations(), &tried);
  std::string error;
  std::optional<ResourceSpec> spec;
  if (!path.empty()) spec = load_resource_spec(path, error);
  if (!spec) {
    std::string looked;
    for (const auto& t : tried) looked += (looked.empty() ? "" : ", ") + t;
    Diagnostic d{Severity::Warning, std::nullopt, "infrac",
                 path.empty() ? "the CloudFormation resource specification was not found; resource types and properties are not checked"
                              : "cannot load the resource specification " + path + ": " + error,
                 {}};
    if (path.empty()) d.notes.push_back({std::nullopt, "looked in " + looked + "; set INFRAC_PATH to a directory holding spec/resource-spec.json"});
    diagnostics.add(std::move(d));
  }
  return spec;
}

void report_unknown_rebuild_parameters(const std::vector<ast::Module>& modules, const std::vector<std::string>& names,
                                       Diagnostics& diagnostics) {
  std::vector<std::string> declared;
  for (const auto& module : modules) {
    for (const auto& stack : module.stacks) {
      for (const auto& p : stack.parameters) declared.push_back(p.name);
    }
  }
  for (const auto& name : names) {
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) continue;
    auto& d = diagnostics.error_without_location("infrac", "--rebuild-param `" + name + "`: no stack declares this parameter");
    add_did_you_mean(d, name, declared);
  }
}

}  // namespace

// A directory names the project in it: its .infra files, in name order (not those below it,
// which are there to be imported).
std::vector<std::string> expand_directories(const std::vector<std::string>& paths, Diagnostics& diagnostics, bool& input_error) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".infra") found.push_back(entry.path().generic_string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) {
      diagnostics.error_without_location(path, "the directory holds no .infra file");
      input_error = true;
    }
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Compilation compile_files(const std::vector<std::string>& given_paths, const CompileOptions& options) {
  Compilation c;
  std::vector<std::string> paths = expand_directories(given_paths, c.diagnostics, c.input_error);
  std::vector<ast::Module> modules;
  std::vector<std::string> seen;  // a file named twice is compiled once
  for (const auto& path : paths) {
    std::error_code ec;
    std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
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
    modules.push_back(std::move(module));
  }
  modules = resolve(std::move(modules), c.sources, c.diagnostics);
  std::optional<ResourceSpec> spec = options.use_spec ? load_spec(c.diagnostics) : std::nullopt;
  CheckOptions check_options{spec ? &*spec : nullptr, options.rebuild_parameters, &c.sources};
  CheckedProgram program = check(modules, check_options, c.diagnostics);
  report_unknown_rebuild_parameters(modules, options.rebuild_parameters, c.diagnostics);
  if (!spec && !options.rebuild_parameters.empty()) {
    c.diagnostics.error_without_location("infrac", options.use_spec ? "--rebuild-param needs the resource specification, which was not found"
                                                                    : "--rebuild-param needs the resource specification; drop --no-spec");
  }
  if (c.diagnostics.has_errors()) return c;
  c.stacks = lower(program);
  check_template_sizes(program, c.stacks, c.diagnostics);
  if (c.diagnostics.has_errors()) c.stacks.clear();
  return c;
}

}  // namespace infrac
