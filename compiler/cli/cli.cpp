#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/atomic_write.hpp"
#include "diagnostics/render.hpp"
#include "driver/driver.hpp"
#include "emit/emit.hpp"

#ifndef INFRAC_VERSION
#define INFRAC_VERSION "0.0.0"
#endif

namespace infrac {
namespace {

constexpr int kOk = 0;
constexpr int kInputErrors = 1;
constexpr int kUsageOrIo = 2;

struct Options {
  std::vector<std::string> files;
  std::string output_dir = ".";
  std::string diagnostics_format = "text";
  std::string color = "auto";
  bool werror = false;
  std::vector<std::string> rebuild_parameters;
  bool no_spec = false;
};

bool use_colour(const Options& o, const CliEnvironment& env) {
  if (o.color == "always") return true;
  if (o.color == "never") return false;
  return env.stderr_is_terminal && !env.no_color;
}

// Prints the diagnostics and returns whether the input had errors.
bool report(const Compilation& c, const Options& o, const CliEnvironment& env, std::ostream& out, std::ostream& err) {
  std::vector<Diagnostic> sorted = c.diagnostics.sorted();
  if (o.diagnostics_format == "json") {
    out << render_json(sorted, c.sources);
  } else {
    err << render_text(sorted, c.sources, use_colour(o, env), c.diagnostics.secrets());
    if (std::string summary = summary_line(sorted); !summary.empty()) err << summary << " generated.\n";
  }
  return c.diagnostics.has_errors();
}

int run_build(const Options& o, const CliEnvironment& env, std::ostream& out, std::ostream& err, bool write) {
  Compilation c = compile_files(o.files, {o.rebuild_parameters, !o.no_spec});
  if (o.werror) {
    c.diagnostics.promote_warnings();
    if (c.diagnostics.has_errors()) c.stacks.clear();
  }
  bool failed = report(c, o, env, out, err);
  if (c.input_error) return kUsageOrIo;
  if (failed) return kInputErrors;
  if (!write) return kOk;
  if (c.stacks.empty()) err << "infrac: warning: the input declares no stack; nothing was written\n";
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(o.output_dir, ec);
  if (ec) {
    err << fmt::format("infrac: error: cannot create output directory `{}`: {}\n", o.output_dir, ec.message());
    return kUsageOrIo;
  }
  std::vector<OutputFile> files;
  for (const auto& stack : c.stacks) {
    files.push_back({(fs::path(o.output_dir) / template_file_name(stack)).string(), emit_template(stack)});
    files.push_back({(fs::path(o.output_dir) / policy_file_name(stack)).string(), emit_policy(stack)});
  }
  if (!c.stacks.empty()) files.push_back({(fs::path(o.output_dir) / kManifestFileName).string(), emit_json(manifest(c.stacks))});
  if (std::string problem = write_all_or_nothing(files); !problem.empty()) {
    err << "infrac: error: " << problem << "\n";
    return kUsageOrIo;
  }
  return kOk;
}

const char* kDescription =
    "infrac compiles .infra files into CloudFormation templates and stack policies.\n\n"
    "Each `stack NAME { ... }` in the input becomes NAME.template.json and NAME.policy.json;\n"
    "infrac.manifest.json beside them lists the stacks, their deploy order and wiring.\n"
    "Exit status: 0 success, 1 the input has errors, 2 usage or I/O problem.\n\n"
    "Examples:\n"
    "  infrac build examples/rebuild/ -o out/rebuild\n"
    "  infrac check app.infra network.infra\n"
    "  infrac check --diagnostics-format json app.infra\n";

void add_common_options(CLI::App& command, Options& o) {
  command.add_option("files", o.files, ".infra files to compile together, or a project directory (its .infra files)")
      ->required()
      ->type_name("FILE|DIR");
  command.add_option("--diagnostics-format", o.diagnostics_format, "text (default, on stderr) or json (on stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  command.add_option("--color", o.color, "colour diagnostics: auto (default: on a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  command.add_flag("--werror", o.werror, "treat warnings as errors");
  command.add_flag("--no-spec", o.no_spec,
                   "do not check resource types, properties and attributes against the CloudFormation resource specification");
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const CliEnvironment& env) {
  CLI::App app{kDescription, "infrac"};
  app.set_version_flag("--version", std::string("infrac ") + INFRAC_VERSION);
  app.require_subcommand(1);
  app.footer("Run `infrac COMMAND --help` for the options of a command. The language: grammar/REFERENCE.md");
  Options o;
  CLI::App* build = app.add_subcommand("build", "Compile, then write NAME.template.json and NAME.policy.json per stack");
  add_common_options(*build, o);
  build->add_option("-o,--output", o.output_dir, "directory to write into (default: the current directory)")->type_name("DIR");
  CLI::App* check = app.add_subcommand("check", "Report diagnostics only; write nothing");
  add_common_options(*check, o);
  check->add_option("--rebuild-param", o.rebuild_parameters,
                    "report which resources a change of this parameter alone updates (modify or replace), "
                    "and whether the stack policy allows exactly that")
      ->type_name("NAME");

  if (!args.empty() && !args[0].empty() && args[0][0] != '-' && args[0] != "build" && args[0] != "check") {
    err << "infrac: error: unknown command `" << args[0] << "`; the commands are `build` and `check` (see `infrac --help`)\n";
    return kUsageOrIo;
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" to CLI11 that exit 0.
    int status = app.exit(e, out, err);
    return status == 0 ? kOk : kUsageOrIo;
  }
  if (build->parsed()) return run_build(o, env, out, err, true);
  return run_build(o, env, out, err, false);
}

}  // namespace infrac
