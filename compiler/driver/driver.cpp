#include "driver/driver.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "cfn/rebuild_proof.hpp"
#include "check/check.hpp"
#include "io/safe_read.hpp"
#include "spec/library_path.hpp"
#include "driver/rebuild_report.hpp"
#include "emit/emit.hpp"
#include "lower/lower.hpp"
#include "parse/parse.hpp"
#include "resolve/resolve.hpp"
#include "spec/resource_spec.hpp"

namespace infrac {
namespace {

// CloudFormation takes a template body of at most 51,200 bytes inline and
// 1 MB from S3; only the emitted text tells how big a template is. The text is kept
// (LoweredStack::template_text), so that `build` writes it without printing it again.
void check_template_sizes(const CheckedProgram& program, std::vector<LoweredStack>& stacks, Diagnostics& diagnostics) {
  constexpr std::size_t kInlineLimit = 51200;
  constexpr std::size_t kS3Limit = 1000000;
  for (auto& stack : stacks) stack.template_text = emit_json(stack.template_body);
  for (std::size_t i = 0; i < stacks.size() && i < program.stacks.size(); ++i) {
    std::size_t size = stacks[i].template_text.size();
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
                 {},
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

// The rebuild proof of each stack, for the parameter it declares (`rebuild true`) and for
// each --rebuild-param it has. Without the specification there is no proof: the flag is
// then an error (reported above), a declared parameter is not proven.
void prove_rebuilds(const std::vector<LoweredStack>& stacks, const std::vector<std::string>& asked, const ResourceSpec& spec,
                    Diagnostics& diagnostics) {
  for (const auto& stack : stacks) {
    std::vector<std::string> parameters;
    if (!stack.rebuild_parameter.empty()) parameters.push_back(stack.rebuild_parameter);
    for (const auto& p : asked) {
      if (std::find(parameters.begin(), parameters.end(), p) == parameters.end()) parameters.push_back(p);
    }
    for (const auto& p : parameters) {
      report_rebuild(stack, cfn::prove_rebuild(stack.template_body, stack.stack_policy, &spec, p), diagnostics);
    }
  }
}

}  // namespace

// A directory names the project in it: its .infra files, in name order (not those below it,
// which are there to be imported). Never throws: a directory that cannot be listed, or an
// entry that cannot be examined (a symlink loop), is reported as an I/O problem.
std::vector<std::string> expand_directories(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::directory_iterator it(path, ec), end;
    if (ec) {
      diagnostics.input_failure(std::nullopt, path, "cannot list the directory: " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (it->path().extension() != ".infra") continue;
      std::error_code entry_error;
      bool regular = it->is_regular_file(entry_error);
      if (entry_error) {
        diagnostics.input_failure(std::nullopt, it->path().generic_string(), "cannot read the file: " + entry_error.message());
      } else if (regular) {
        found.push_back(it->path().generic_string());
      }
    }
    if (ec) diagnostics.input_failure(std::nullopt, path, "cannot list the directory: " + ec.message());
    std::sort(found.begin(), found.end());
    if (found.empty() && !ec) diagnostics.input_failure(std::nullopt, path, "the directory holds no .infra file");
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// Where imports and file() may read (docs/limits.md): the directory of each file or
// directory given, and the library roots.
io::Places input_places(const std::vector<std::string>& given_paths) {
  namespace fs = std::filesystem;
  io::Places places;
  for (const auto& path : given_paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      places.add(path);
    } else {
      fs::path parent = fs::path(path).parent_path();
      places.add(parent.empty() ? "." : parent.string());
    }
  }
  for (const auto& root : library_roots(default_library_locations())) places.add(root);
  return places;
}

Compilation compile_files(const std::vector<std::string>& given_paths, const CompileOptions& options) {
  auto phase_done = [&](std::string_view phase) {
    if (options.phase_done) options.phase_done(phase);
  };
  Compilation c;
  auto stop = [&] {
    if (options.cancelled && options.cancelled()) c.cancelled = true;
    return c.cancelled;
  };
  c.sources.set_unsaved_texts(options.unsaved);
  c.diagnostics.set_limit(options.error_limit);
  std::vector<std::string> paths = expand_directories(given_paths, c.diagnostics);
  std::vector<ast::Module> modules;
  std::vector<std::string> seen;  // a file named twice is compiled once
  for (const auto& path : paths) {
    if (stop()) return c;
    std::error_code ec;
    std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    io::InputFile input;
    if (std::string problem = io::read_input(path, limits::kSourceBytes, c.sources.unsaved_texts(), input).reason; !problem.empty()) {
      c.diagnostics.input_failure(std::nullopt, path, "cannot read the file: " + problem);
      continue;
    }
    FileId id = c.sources.add(path, std::move(input.text));
    std::size_t errors_before = c.diagnostics.error_count();
    ast::Module module = parse(c.sources, id, c.diagnostics);
    // A module with syntax errors lacks the declarations that failed to parse;
    // checking it would only add follow-on errors about them.
    if (c.diagnostics.error_count() > errors_before) continue;
    modules.push_back(std::move(module));
  }
  phase_done("parse");
  if (stop()) return c;
  modules = resolve(std::move(modules), input_places(given_paths), c.sources, c.diagnostics);
  phase_done("resolve");
  if (stop()) return c;
  std::optional<ResourceSpec> loaded = options.use_spec && !options.spec ? load_spec(c.diagnostics) : std::nullopt;
  const ResourceSpec* spec = !options.use_spec ? nullptr : options.spec ? options.spec : loaded ? &*loaded : nullptr;
  phase_done("spec");
  CheckOptions check_options{spec, &c.sources};
  CheckedProgram program = check(modules, check_options, c.diagnostics);
  phase_done("check");
  report_unknown_rebuild_parameters(modules, options.rebuild_parameters, c.diagnostics);
  if (!spec && !options.rebuild_parameters.empty()) {
    c.diagnostics.error_without_location("infrac", options.use_spec ? "--rebuild-param needs the resource specification, which was not found"
                                                                    : "--rebuild-param needs the resource specification; drop --no-spec");
  }
  c.input_error = c.diagnostics.input_failed();
  if (c.diagnostics.has_errors() || stop()) return c;
  c.stacks = lower(program);
  phase_done("lower");
  check_template_sizes(program, c.stacks, c.diagnostics);
  phase_done("sizes");
  if (stop()) {
    c.stacks.clear();
    return c;
  }
  if (spec) prove_rebuilds(c.stacks, options.rebuild_parameters, *spec, c.diagnostics);
  phase_done("rebuild proof");
  if (c.diagnostics.has_errors()) c.stacks.clear();
  return c;
}

}  // namespace infrac
