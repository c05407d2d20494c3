#include "resolve/imports.hpp"

#include <filesystem>
#include <map>

#include "limits.hpp"
#include "parse/parse.hpp"
#include "spec/library_path.hpp"

namespace infrac {
namespace {

namespace fs = std::filesystem;

struct Loader {
  const io::Places& places;
  SourceManager& sources;
  Diagnostics& diagnostics;
  std::vector<ast::Module> modules;
  std::vector<bool> broken;             // parsed with syntax errors: left out of the result
  std::map<std::string, std::size_t> by_key;
  enum class Mark { New, Open, Done };
  std::vector<Mark> marks;
  struct Step {
    std::size_t module;  // the importing module
    Span span;           // its import
    std::string path;    // what it imports, as written
  };
  std::vector<Step> chain;  // the imports being followed

  std::size_t add(ast::Module module, bool has_errors) {
    by_key.emplace(module_key(sources.file(module.file).path()), modules.size());
    modules.push_back(std::move(module));
    broken.push_back(has_errors);
    marks.push_back(Mark::New);
    return modules.size() - 1;
  }

  void note_chain(Diagnostic& d) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      d.notes.push_back({it->span, "`" + sources.file(modules[it->module].file).path() + "` imports `" + it->path + "` here"});
    }
  }

  // The file an import names: std/... in the library, anything else beside the importer.
  std::string locate(const ast::Import& import, std::size_t importer, std::vector<std::string>& tried) {
    std::string path = import.path;
    if (path.rfind("std/", 0) == 0) {
      if (fs::path(path).extension() != ".infra") path += ".infra";
      std::string found = locate_in_library(default_library_locations(), path, &tried);
      // Printed relative to where infrac runs, like the files it was given.
      std::error_code ec;
      fs::path shown = found.empty() ? fs::path() : fs::proximate(found, ec);
      return ec ? found : shown.generic_string();
    }
    fs::path candidate = (fs::path(sources.file(modules[importer].file).path()).parent_path() / path).lexically_normal();
    tried.push_back(candidate.generic_string());
    return candidate.generic_string();
  }

  void report_missing(const ast::Import& import, const std::vector<std::string>& tried) {
    auto& d = diagnostics.error(import.path_span, "cannot find `" + import.path + "` to import");
    std::string looked;
    for (const auto& t : tried) looked += (looked.empty() ? "" : ", ") + t;
    d.notes.push_back({std::nullopt, "looked for " + looked});
    note_chain(d);
  }

  // Reads through the one safe reader: a regular file, within the size limit, inside the
  // project or the library (its real path, symlinks resolved), never under /proc, /sys, /dev.
  std::optional<std::size_t> load(const std::string& path, const ast::Import& import, const std::vector<std::string>& tried) {
    auto known = by_key.find(module_key(path));
    if (known != by_key.end()) return known->second;
    io::InputFile input;
    if (io::ReadProblem problem = io::read_input(path, limits::kSourceBytes, sources.unsaved_texts(), input)) {
      if (problem.missing) {
        report_missing(import, tried);
      } else {
        note_chain(diagnostics.input_failure(import.path_span, {}, "cannot read `" + path + "`: " + problem.reason));
      }
      return std::nullopt;
    }
    if (!places.contain(input.real_path)) {
      auto& d = diagnostics.error(import.path_span, "`" + import.path + "` is outside the project directory, which `import` may not leave");
      d.notes.push_back({std::nullopt, "the project is the directory of each file or directory given on the command line; "
                                       "libraries come from `std/...` or INFRAC_PATH"});
      note_chain(d);
      return std::nullopt;
    }
    FileId id = sources.add(path, std::move(input.text));
    std::size_t errors_before = diagnostics.error_count();
    ast::Module module = parse(sources, id, diagnostics);
    return add(std::move(module), diagnostics.error_count() > errors_before);
  }

  void visit(std::size_t i) {
    marks[i] = Mark::Open;
    for (std::size_t k = 0; k < modules[i].imports.size(); ++k) {
      ast::Import& import = modules[i].imports[k];
      if (import.path.empty()) {
        diagnostics.error(import.path_span, "`import` needs a path: a file relative to the importing file, or `std/...`");
        continue;
      }
      if (fs::path(import.path).is_absolute()) {
        diagnostics.error(import.path_span, "`import` takes a path relative to the importing file, or `std/...`");
        continue;
      }
      std::vector<std::string> tried;
      std::string path = locate(import, i, tried);
      if (path.empty()) {
        report_missing(import, tried);
        continue;
      }
      std::optional<std::size_t> j = load(path, import, tried);
      chain.push_back({i, import.path_span, import.path});
      if (j) {
        modules[i].imports[k].resolved_path = module_key(path);
        if (marks[*j] == Mark::Open) {
          std::string cycle;
          for (const auto& step : chain) cycle += sources.file(modules[step.module].file).path() + " -> ";
          auto& d = diagnostics.error(modules[i].imports[k].path_span, "import cycle: " + cycle + sources.file(modules[*j].file).path());
          chain.pop_back();
          note_chain(d);
          continue;
        }
        if (marks[*j] == Mark::New) visit(*j);
      }
      chain.pop_back();
    }
    marks[i] = Mark::Done;
  }
};

}  // namespace

std::string module_key(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical.generic_string();
}

std::vector<ast::Module> load_imports(std::vector<ast::Module> roots, const io::Places& places, SourceManager& sources,
                                      Diagnostics& diagnostics) {
  Loader loader{places, sources, diagnostics, {}, {}, {}, {}, {}};
  std::size_t root_count = roots.size();
  for (auto& root : roots) loader.add(std::move(root), false);
  for (std::size_t i = 0; i < root_count; ++i) {
    if (loader.marks[i] == Loader::Mark::New) loader.visit(i);
  }
  std::vector<ast::Module> out;
  for (std::size_t i = 0; i < loader.modules.size(); ++i) {
    if (!loader.broken[i]) out.push_back(std::move(loader.modules[i]));
  }
  return out;
}

}  // namespace infrac
