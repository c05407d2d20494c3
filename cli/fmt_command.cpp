// `infrac fmt`: rewrite .infra files in the canonical layout (format/), in place
// and atomically; `--check` lists what is not formatted, `--diff` shows how,
// `-` formats standard input to standard output (for editors).
#include <dtl/dtl.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/atomic_write.hpp"
#include "cli/command.hpp"
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
  std::string color = "auto";
};

constexpr const char* kStdin = "-";

// A directory: every .infra file below it, in name order; hidden directories are skipped.
std::vector<std::string> infra_files_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (it->is_directory(ec) && !name.empty() && name[0] == '.') {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && it->path().extension() == ".infra") out.push_back(it->path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
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
    if (fs::is_directory(path, ec)) {
      auto found = infra_files_under(path);
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      io.err << "infrac: error: cannot read `" << path << "`: no such file or directory\n";
      outcome.io_errors = true;
    }
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
  fmt->add_option("--color", o->color, "colour diagnostics: auto (default: on a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return {fmt, [o](const CommandIo& io) { return run_fmt(*o, io); }};
}

}  // namespace infrac
