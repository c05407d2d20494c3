#include "lsp/workspace/workspace.hpp"

#include <algorithm>
#include <filesystem>

#include "driver/driver.hpp"
#include "io/safe_read.hpp"
#include "limits.hpp"
#include "parse/parse.hpp"
#include "resolve/files.hpp"
#include "resolve/imports.hpp"

namespace infrac::lsp {

namespace fs = std::filesystem;

std::string normal_path(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return path;
  fs::path canonical = fs::weakly_canonical(absolute, ec);
  return (ec ? absolute.lexically_normal() : canonical).generic_string();
}

std::optional<FileId> Analysis::file_of(const std::string& path) const {
  std::string wanted = normal_path(path);
  for (FileId id = 0; id < sources.size(); ++id) {
    if (normal_path(sources.file(id).path()) == wanted) return id;
  }
  return std::nullopt;
}

Workspace::Workspace(WorkspaceOptions options, std::nullptr_t) : options_(options) {}

Workspace::Workspace(WorkspaceOptions options) : options_(options) {
  if (!options_.use_spec) return;
  if (options_.spec) {
    spec_ = *options_.spec;
    options_.spec = nullptr;  // not kept: it belongs to the caller
    return;
  }
  std::string path = locate_resource_spec(default_spec_locations());
  std::string error;
  if (!path.empty()) spec_ = load_resource_spec(path, error);
}

Workspace Workspace::buffers_only() const {
  Workspace copy(options_, nullptr);
  copy.documents_ = documents_;
  copy.spec_ = spec_;  // a copy of its own: the check runs on another thread
  return copy;
}

void Workspace::open(const std::string& path, std::string text, std::int64_t version) {
  documents_[normal_path(path)] = {std::move(text), version};
  ++generation_;
}

bool Workspace::change(const std::string& path, std::string text, std::int64_t version) {
  auto it = documents_.find(normal_path(path));
  if (it == documents_.end()) {
    open(path, std::move(text), version);
    return true;
  }
  if (version <= it->second.version) return false;  // an edit older than what we have
  it->second = {std::move(text), version};
  ++generation_;
  return true;
}

void Workspace::close(const std::string& path) {
  if (documents_.erase(normal_path(path)) > 0) ++generation_;
}

const Document* Workspace::document(const std::string& path) const {
  auto it = documents_.find(normal_path(path));
  return it == documents_.end() ? nullptr : &it->second;
}

std::vector<std::string> Workspace::open_paths() const {
  std::vector<std::string> out;
  for (const auto& [path, document] : documents_) out.push_back(path);
  return out;
}

io::UnsavedTexts Workspace::unsaved() const {
  return [this](const std::string& p) -> std::optional<std::string> {
    if (const Document* d = document(p)) return d->text;
    return std::nullopt;
  };
}

std::optional<std::string> Workspace::text(const std::string& path) const {
  // The compiler's reader, so that a client naming a huge file, a FIFO or /proc/kcore gets
  // nothing instead of hanging or exhausting the server.
  io::InputFile input;
  if (io::read_input(path, limits::kSourceBytes, unsaved(), input)) return std::nullopt;
  return std::move(input.text);
}

std::vector<std::string> Workspace::project_files(const std::string& path) const {
  std::string self = normal_path(path);
  fs::path directory = fs::path(self).parent_path();
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_error;
    if (it->path().extension() == ".infra" && it->is_regular_file(entry_error)) files.push_back(normal_path(it->path().string()));
  }
  for (const auto& [open, document] : documents_) {
    if (fs::path(open).parent_path() == directory && fs::path(open).extension() == ".infra") files.push_back(open);
  }
  files.push_back(self);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  // A file deleted while open stays in the project as its buffer; one deleted and closed is gone.
  std::erase_if(files, [&](const std::string& f) { return !document(f) && !fs::exists(f, ec); });
  return files;
}

std::shared_ptr<const Analysis> Workspace::analysis(const std::string& path) {
  std::string directory = fs::path(normal_path(path)).parent_path().generic_string();
  Cached& cached = analyses_[directory];
  if (cached.analysis && cached.generation == generation_) return cached.analysis;

  auto analysis = std::make_shared<Analysis>();
  analysis->sources.set_unsaved_texts(unsaved());
  Diagnostics ignored;  // diagnose() reports them; here only the trees matter
  std::vector<ast::Module> roots;
  std::vector<std::string> files = project_files(path);
  for (const auto& file : files) {
    std::optional<std::string> source = text(file);
    if (!source) continue;
    FileId id = analysis->sources.add(file, std::move(*source));
    roots.push_back(parse(analysis->sources, id, ignored));
  }
  io::Places places = input_places(files);
  analysis->modules = load_imports(std::move(roots), places, analysis->sources, ignored);
  load_files(analysis->modules, places, analysis->sources, ignored);
  analysis->index = build_index(analysis->modules, analysis->sources);
  cached = {generation_, analysis};
  return analysis;
}

}  // namespace infrac::lsp
