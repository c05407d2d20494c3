// `infrac fmt`: rewrite .infra files in the canonical layout (format/), in place
// and atomically; `--check` lists what is not formatted, `--diff` shows how,
// `-` formats standard input to standard output (for editors).
#include <dtl/dtl.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/atomic_write.hpp"
#include "cli/command.hpp"
#include "cli/fmt_ignore.hpp"
#include "diagnostics/render.hpp"
#include "diff/lines.hpp"
#include "format/format.hpp"
#include "io/safe_read.hpp"
#include "limits.hpp"

namespace infrac {
namespace {
namespace fs = std::filesystem;

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
  bool diff = false;
  bool no_ignore = false;
  std::string color = "auto";
};

constexpr const char* kStdin = "-";

// A directory: every .infra file below it that no ignore file names, in name order;
// hidden directories are skipped, symbolic links to directories not followed.
void collect_infra_files(const fs::path& shown, const fs::path& absolute, const fmt_ignore::Rules* rules,
                         std::vector<std::string>& out, std::vector<std::string>& problems) {
  std::error_code ec;
  for (fs::directory_iterator it(shown, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    fs::path path = absolute / name;
    std::error_code type_ec;
    if (it->symlink_status(type_ec).type() == fs::file_type::directory) {
      if (name[0] == '.' || (rules && rules->ignoring(path, true))) continue;
      if (!rules) {
        collect_infra_files(it->path(), path, nullptr, out, problems);
        continue;
      }
      fmt_ignore::Rules inner = rules->entering(path, problems);
      collect_infra_files(it->path(), path, &inner, out, problems);
    } else if (it->is_regular_file(type_ec) && it->path().extension() == ".infra") {
      if (!rules || !rules->ignoring(path, false)) out.push_back(it->path().string());
    }
  }
}

// `diff -u` of the file before and after formatting.
void print_diff(std::ostream& out, const std::string& path, const std::string& before, const std::string& after) {
  std::vector<std::string> a = diff::split_lines(before), b = diff::split_lines(after);
  dtl::Diff<std::string> diff(a, b);
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  out << "--- " << path << "\n+++ " << path << " (formatted)\n";
  diff.printUnifiedFormat(out);
}

struct Outcome {
  bool syntax_errors = false;
  bool io_errors = false;
  bool changes = false;
};

bool read_all(std::istream& in, std::string& text) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

// Formats one text; prints its diagnostics when it does not parse.
std::optional<std::string> format_one(const std::string& path, std::string text, const FmtOptions& o, const CommandIo& io) {
  SourceManager sources;
  Diagnostics diagnostics;
  auto formatted = format::format_text(path, std::move(text), sources, diagnostics);
  if (!formatted) {
    std::vector<Diagnostic> sorted = diagnostics.sorted();
    io.err << render_text(sorted, sources, use_colour(o.color, io.env), SecretMask::of(diagnostics));
    io.err << "infrac: " << path << " was not formatted: it has syntax errors\n";
  }
  return formatted;
}

void fmt_stdin(const FmtOptions& o, const CommandIo& io, Outcome& outcome) {
  std::string text;
  if (!read_all(std::cin, text)) {
    io.err << "infrac: error: cannot read standard input\n";
    outcome.io_errors = true;
    return;
  }
  auto formatted = format_one("<stdin>", text, o, io);
  if (!formatted) {
    outcome.syntax_errors = true;
    return;
  }
  bool changed = *formatted != text;
  outcome.changes |= changed;
  if (o.check && changed) io.out << "<stdin>\n";
  if (o.diff && changed) print_diff(io.out, "<stdin>", text, *formatted);
  if (!o.check && !o.diff) io.out << *formatted;
}

int run_fmt(const FmtOptions& o, const CommandIo& io) {
  Outcome outcome;
  std::vector<std::string> files;
  for (const auto& path : o.paths) {
    if (path == kStdin) {
      fmt_stdin(o, io, outcome);
      continue;
    }
    std::error_code ec;
    std::vector<std::string> problems;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      if (o.no_ignore) {
        collect_infra_files(path, fmt_ignore::absolute_normal(path), nullptr, found, problems);
      } else {
        fmt_ignore::Rules rules = fmt_ignore::Rules::above(path, problems);
        collect_infra_files(path, fmt_ignore::absolute_normal(path), &rules, found, problems);
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      // A file named on the command line is left alone when an ignore file names it, as
      // prettier does: a hook that passes every changed file must not format test inputs.
      fs::path absolute = fmt_ignore::absolute_normal(path);
      std::optional<fmt_ignore::Match> ignored;
      if (!o.no_ignore) ignored = fmt_ignore::Rules::above(absolute.parent_path(), problems).ignoring(absolute, false);
      if (ignored) {
        io.err << "infrac: `" << path << "` is not formatted: " << ignored->file << ":" << ignored->line << " ignores it (`"
               << ignored->pattern << "`; --no-ignore formats it)\n";
      } else {
        files.push_back(path);
      }
    } else {
      io.err << "infrac: error: cannot read `" << path << "`: no such file or directory\n";
      outcome.io_errors = true;
    }
    for (const auto& problem : problems) io.err << "infrac: error: " << problem << "\n";
    outcome.io_errors |= !problems.empty();
  }
  std::vector<OutputFile> rewrites;
  std::vector<fs::perms> modes;
  for (const auto& path : files) {
    io::InputFile input;
    if (io::ReadProblem problem = io::read_input_file(path, limits::kSourceBytes, input)) {
      io.err << "infrac: error: cannot read `" << path << "`: " << problem.reason << "\n";
      outcome.io_errors = true;
      continue;
    }
    std::string text = std::move(input.text);
    auto formatted = format_one(path, text, o, io);
    if (!formatted) {
      outcome.syntax_errors = true;
      continue;
    }
    if (*formatted == text) continue;
    outcome.changes = true;
    if (o.check) io.out << path << "\n";
    if (o.diff) print_diff(io.out, path, text, *formatted);
    if (!o.check && !o.diff) {
      // Write through a symbolic link to its target, and keep the file's permissions.
      std::error_code ec;
      fs::path target = fs::is_symlink(path, ec) ? fs::canonical(path, ec) : fs::path(path);
      if (ec) target = path;
      rewrites.push_back({target.string(), std::move(*formatted)});
      modes.push_back(fs::status(target, ec).permissions());
    }
  }
  if (!rewrites.empty()) {
    if (std::string problem = write_all_or_nothing(rewrites); !problem.empty()) {
      io.err << "infrac: error: " << problem << "\n";
      return kExitUsageOrIo;
    }
    for (std::size_t i = 0; i < rewrites.size(); ++i) {
      std::error_code ignored;
      fs::permissions(rewrites[i].path, modes[i], ignored);
    }
  }
  if (outcome.io_errors) return kExitUsageOrIo;
  if (outcome.syntax_errors) return kExitInputErrors;
  if (o.check && outcome.changes) return kExitChanges;
  return kExitOk;
}

}  // namespace

Command add_fmt_command(CLI::App& app) {
  auto o = std::make_shared<FmtOptions>();
  CLI::App* fmt = app.add_subcommand("fmt", "Rewrite .infra files in the canonical layout (in place; `-`: stdin to stdout)");
  fmt->add_option("paths", o->paths, ".infra files, directories (every .infra file below them), or - for standard input")
      ->required()
      ->type_name("FILE|DIR|-");
  fmt->add_flag("--check", o->check, "write nothing; list the files that are not formatted and exit 3 if there are any");
  fmt->add_flag("--diff", o->diff, "write nothing; show the changes formatting would make as a unified diff");
  fmt->add_flag("--no-ignore", o->no_ignore, "format files that .infrafmtignore files name too");
  fmt->add_option("--color", o->color, "colour diagnostics: auto (default: on a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return {fmt, [o](const CommandIo& io) { return run_fmt(*o, io); }};
}

}  // namespace infrac
