// `infrac build` and `infrac check`: compile, report, and (build) write the outputs.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

#include "cli/atomic_write.hpp"
#include "cli/command.hpp"
#include "diagnostics/render.hpp"
#include "driver/driver.hpp"
#include "emit/emit.hpp"

namespace infrac {
namespace {

struct BuildOptions {
  std::vector<std::string> files;
  std::string output_dir = ".";
  std::string diagnostics_format = "text";
  std::string color = "auto";
  bool werror = false;
  std::vector<std::string> rebuild_parameters;
  bool no_spec = false;
  std::size_t error_limit = limits::kDefaultErrorLimit;
};

// Prints the diagnostics and returns whether the input had errors.
bool report(const Compilation& c, const BuildOptions& o, const CommandIo& io) {
  std::vector<Diagnostic> sorted = c.diagnostics.sorted();
  SecretMask mask = SecretMask::of(c.diagnostics);
  std::size_t dropped = c.diagnostics.dropped_errors() + c.diagnostics.dropped_warnings();
  if (o.diagnostics_format == "json") {
    io.out << render_json(sorted, c.sources, mask);
  } else {
    io.err << render_text(sorted, c.sources, use_colour(o.color, io.env), mask);
    if (dropped > 0) {
      io.err << fmt::format("infrac: note: {} more diagnostic{} not shown: the limit is {} (--error-limit 0 shows all)\n", dropped,
                            dropped == 1 ? "" : "s", c.diagnostics.limit());
    }
    std::string summary = summary_line(sorted, c.diagnostics.dropped_errors(), c.diagnostics.dropped_warnings());
    if (!summary.empty()) io.err << summary << " generated.\n";
  }
  return c.diagnostics.has_errors();
}

int run_build(const BuildOptions& o, const CommandIo& io, bool write) {
  auto compiled = std::make_shared<Compilation>(compile_files(o.files, {o.rebuild_parameters, !o.no_spec, o.error_limit}));
  if (io.env.kept_until_exit != nullptr) io.env.kept_until_exit->push_back(compiled);
  Compilation& c = *compiled;
  if (o.werror) {
    c.diagnostics.promote_warnings();
    if (c.diagnostics.has_errors()) c.stacks.clear();
  }
  bool failed = report(c, o, io);
  if (c.input_error) return kExitUsageOrIo;
  if (failed) return kExitInputErrors;
  if (!write) return kExitOk;
  if (c.stacks.empty()) io.err << "infrac: warning: the input declares no stack; nothing was written\n";
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(o.output_dir, ec);
  if (ec) {
    io.err << fmt::format("infrac: error: cannot create output directory `{}`: {}\n", o.output_dir, ec.message());
    return kExitUsageOrIo;
  }
  std::vector<OutputFile> files;
  for (const auto& stack : c.stacks) {
    files.push_back({(fs::path(o.output_dir) / template_file_name(stack)).string(), emit_template(stack)});
    files.push_back({(fs::path(o.output_dir) / policy_file_name(stack)).string(), emit_policy(stack)});
  }
  if (!c.stacks.empty()) files.push_back({(fs::path(o.output_dir) / kManifestFileName).string(), emit_json(manifest(c.stacks))});
  // Not synced: the outputs are built again from the sources (cli/atomic_write.hpp).
  if (std::string problem = write_all_or_nothing(files, Sync::No); !problem.empty()) {
    io.err << "infrac: error: " << problem << "\n";
    return kExitUsageOrIo;
  }
  return kExitOk;
}

void add_compile_options(CLI::App& command, BuildOptions& o) {
  command.add_option("files", o.files, ".infra files to compile together, or a project directory (its .infra files)")
      ->required()
      ->type_name("FILE|DIR");
  command.add_option("--diagnostics-format", o.diagnostics_format, "text (default, on stderr) or json (on stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  command.add_option("--color", o.color, "colour diagnostics: auto (default: on a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  command.add_flag("--werror", o.werror, "treat warnings as errors");
  command.add_option("--error-limit", o.error_limit,
                     fmt::format("print at most N diagnostics (default {}; 0: all); the rest are counted", limits::kDefaultErrorLimit))
      ->type_name("N");
  command.add_flag("--no-spec", o.no_spec,
                   "do not check resource types, properties and attributes against the CloudFormation resource specification");
}

}  // namespace

Command add_build_command(CLI::App& app) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* build = app.add_subcommand("build", "Compile, then write NAME.template.json and NAME.policy.json per stack");
  add_compile_options(*build, *o);
  build->add_option("-o,--output", o->output_dir, "directory to write into (default: the current directory)")->type_name("DIR");
  return {build, [o](const CommandIo& io) { return run_build(*o, io, true); }};
}

Command add_check_command(CLI::App& app) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* check = app.add_subcommand("check", "Report diagnostics only; write nothing");
  add_compile_options(*check, *o);
  check->add_option("--rebuild-param", o->rebuild_parameters,
                    "the rebuild proof for this parameter too (one declared `rebuild true` is always proven): what a change of it alone "
                    "modifies or replaces, whether every instance is replaced, and whether the stack policy allows exactly that")
      ->type_name("NAME");
  return {check, [o](const CommandIo& io) { return run_build(*o, io, false); }};
}

}  // namespace infrac
