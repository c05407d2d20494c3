#pragma once
// The whole pipeline as one function: source -> parse -> resolve -> check -> lower.
// Emitting and writing files is separate so that tests and `diff` can reuse the model.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.hpp"
#include "limits.hpp"
#include "lower/template_model.hpp"
#include "source/source_file.hpp"

namespace infrac {

class ResourceSpec;

struct Compilation {
  SourceManager sources;
  Diagnostics diagnostics;
  std::vector<LoweredStack> stacks;  // empty when there are errors
  bool input_error = false;          // an input file could not be read (exit status 2)
  bool cancelled = false;            // CompileOptions::cancelled stopped it: nothing here is complete
};

struct CompileOptions {
  // `--rebuild-param NAME`: report which resources a change of NAME alone updates,
  // and whether each stack's policy allows exactly that.
  std::vector<std::string> rebuild_parameters;
  // `--no-spec`: skip the checks against the resource specification (types newer than it).
  bool use_spec = true;
  // `--error-limit N`: diagnostics kept and printed (0: all); the rest are only counted.
  std::size_t error_limit = limits::kDefaultErrorLimit;
  // Texts read instead of the files on disk (the language server's open buffers).
  io::UnsavedTexts unsaved = {};
  // Asked before each file is parsed and before each later phase; when it answers true the
  // compilation stops there and returns with `cancelled` set (the language server, when a
  // newer edit has made the check pointless).
  std::function<bool()> cancelled = {};
  // Called as each phase ends, with its name ("parse", "resolve", "spec", "check", "lower",
  // "sizes", "rebuild proof"): bench/phase_bench times the phases without a clock in here.
  std::function<void(std::string_view phase)> phase_done = {};
  // With use_spec: a specification already loaded (the language server's, loaded once for
  // every check of a session), used instead of locating and loading one here. Only this
  // compilation's thread may use it while it runs (it parses its records when first asked).
  const ResourceSpec* spec = nullptr;
};

// Where imports and file() may read for a compilation of `given_paths` (their directories
// and the library roots); the language server asks it too.
io::Places input_places(const std::vector<std::string>& given_paths);

// Compiles every file as one program; stacks are returned in source order.
Compilation compile_files(const std::vector<std::string>& paths, const CompileOptions& options = {});

}  // namespace infrac
