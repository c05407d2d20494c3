// Workspace::diagnose: the whole compiler (driver/driver.hpp) on a project's unsaved state,
// its diagnostics split by the file they point into.
#include <filesystem>

#include "driver/driver.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

// "did you mean `X`?" notes carry the fix a code action offers.
std::optional<std::string> suggestion(const std::string& note) {
  const std::string prefix = "did you mean `";
  if (note.rfind(prefix, 0) != 0) return std::nullopt;
  std::size_t end = note.find('`', prefix.size());
  if (end == std::string::npos) return std::nullopt;
  return note.substr(prefix.size(), end - prefix.size());
}

}  // namespace

ProjectDiagnostics Workspace::diagnose(const std::string& path, std::function<bool()> cancelled) const {
  std::vector<std::string> files = project_files(path);
  CompileOptions options;
  options.use_spec = options_.use_spec;
  options.spec = spec();  // loaded once with the workspace, not again at every check
  options.error_limit = 1000;  // an editor shows them all, within reason
  options.unsaved = unsaved();
  options.cancelled = std::move(cancelled);
  Compilation c = compile_files(files, options);

  ProjectDiagnostics out;
  if (c.cancelled) {
    out.cancelled = true;
    return out;
  }
  for (const auto& file : files) out.files[file];  // a file with nothing to say is cleared
  std::string self = normal_path(path);
  for (const Diagnostic& d : c.diagnostics.sorted()) {
    if (d.severity == Severity::Note) continue;
    FileDiagnostic fd;
    fd.severity = d.severity;
    fd.message = d.message;
    std::string file = self;  // a problem with no place (a file that cannot be read) shows at the top
    if (d.span) {
      file = normal_path(c.sources.file(d.span->file).path());
      fd.begin = d.span->begin;
      fd.end = d.span->end;
    } else if (!d.path.empty() && out.files.count(normal_path(d.path))) {
      file = normal_path(d.path);
    }
    for (const DiagnosticNote& note : d.notes) {
      FileDiagnostic::Note n;
      n.message = note.message;
      if (note.span) n.at = FileRange{normal_path(c.sources.file(note.span->file).path()), note.span->begin, note.span->end};
      if (!fd.did_you_mean) fd.did_you_mean = suggestion(note.message);
      fd.notes.push_back(std::move(n));
    }
    out.files[file].push_back(std::move(fd));
  }
  for (const auto& [file, list] : out.files) {
    if (const Document* d = document(file)) out.versions[file] = d->version;
  }
  return out;
}

}  // namespace infrac::lsp
