#include "cli/deploy_input.hpp"

#include <filesystem>
#include <map>

#include "diagnostics/render.hpp"
#include "driver/driver.hpp"
#include "emit/emit.hpp"
#include "io/safe_read.hpp"

namespace infrac {
namespace {

namespace fs = std::filesystem;

// What `infrac build` wrote, through the one safe reader: regular files, at most 4 MiB each
// (a template is at most 1,000,000 bytes), never /proc, /sys or /dev.
std::optional<std::string> read_whole(const fs::path& path) {
  io::InputFile file;
  if (io::read_input_file(path.string(), 4u << 20, file)) return std::nullopt;
  return file.text;
}

std::optional<DeployInput> from_manifest(const fs::path& manifest, const CommandIo& io, int& status) {
  fs::path dir = manifest.parent_path();
  auto text = read_whole(manifest);
  if (!text) {
    io.err << "infrac: error: cannot read " << manifest.string() << "\n";
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  auto loaded = deploy::load_project(*text, [&](const std::string& name) -> std::optional<std::string> {
    if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos) return std::nullopt;
    return read_whole(dir / name);
  });
  if (auto* problem = std::get_if<std::string>(&loaded)) {
    io.err << "infrac: error: " << manifest.string() << ": " << *problem << "\n";
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  return DeployInput{std::get<deploy::Project>(std::move(loaded)), dir.string()};
}

}  // namespace

std::optional<DeployInput> load_deploy_input(const std::vector<std::string>& paths, const CommandIo& io, int& status) {
  std::error_code ec;
  if (paths.size() == 1) {
    fs::path p(paths[0]);
    if (fs::is_directory(p, ec) && fs::exists(p / kManifestFileName, ec)) return from_manifest(p / kManifestFileName, io, status);
    if (p.filename() == kManifestFileName) return from_manifest(p, io, status);
  }
  // Sources: build first, exactly as `infrac build` would, but keep the outputs in memory.
  Compilation c = compile_files(paths, {});
  std::vector<Diagnostic> sorted = c.diagnostics.sorted();
  io.err << render_text(sorted, c.sources, use_colour("auto", io.env), c.diagnostics.secrets());
  if (c.input_error) {
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  if (c.diagnostics.has_errors()) {
    status = kExitInputErrors;
    return std::nullopt;
  }
  if (c.stacks.empty()) {
    io.err << "infrac: error: the input declares no stack; nothing to deploy\n";
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  std::map<std::string, std::string> files;
  for (const auto& s : c.stacks) {
    files[template_file_name(s)] = emit_template(s);
    files[policy_file_name(s)] = emit_policy(s);
  }
  auto loaded = deploy::load_project(emit_json(manifest(c.stacks)), [&](const std::string& name) -> std::optional<std::string> {
    auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return it->second;
  });
  if (auto* problem = std::get_if<std::string>(&loaded)) {
    io.err << "infrac: error: " << *problem << "\n";
    status = kExitUsageOrIo;
    return std::nullopt;
  }
  return DeployInput{std::get<deploy::Project>(std::move(loaded)), ""};
}

}  // namespace infrac
