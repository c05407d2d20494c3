#include "spec/library_path.hpp"

#include <cstdlib>
#include <filesystem>
#include <string_view>

namespace infrac {

LibraryLocations default_library_locations() {
  LibraryLocations where;
  if (const char* value = std::getenv("INFRAC_PATH")) where.infrac_path = value;
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) where.executable = self.string();
#ifdef INFRAC_SOURCE_DIR
  where.source_dir = INFRAC_SOURCE_DIR;
#endif
  return where;
}

std::vector<std::string> library_roots(const LibraryLocations& where) {
  namespace fs = std::filesystem;
  std::vector<std::string> roots;
  std::string_view dirs = where.infrac_path;
  while (!dirs.empty()) {
    std::size_t colon = dirs.find(':');
    std::string_view dir = dirs.substr(0, colon);
    if (!dir.empty()) roots.emplace_back(dir);
    if (colon == std::string_view::npos) break;
    dirs.remove_prefix(colon + 1);
  }
  if (!where.executable.empty()) {
    roots.push_back((fs::path(where.executable).parent_path() / ".." / "share" / "infrac").lexically_normal().string());
  }
  if (!where.source_dir.empty()) roots.push_back((fs::path(where.source_dir) / "stdlib").lexically_normal().string());
  return roots;
}

std::string locate_in_library(const LibraryLocations& where, const std::string& relative, std::vector<std::string>* tried) {
  namespace fs = std::filesystem;
  for (const std::string& root : library_roots(where)) {
    fs::path candidate = (fs::path(root) / relative).lexically_normal();
    if (tried != nullptr) tried->push_back(candidate.string());
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return {};
}

}  // namespace infrac
