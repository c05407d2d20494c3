#pragma once
// Where infrac's library lives: the standard library (`import "std/..."`) and
// the resource specification. The roots, in order: each directory of
// INFRAC_PATH, the installed <bindir>/../share/infrac, the source tree's stdlib/.
#include <string>
#include <vector>

namespace infrac {

struct LibraryLocations {
  std::string infrac_path;  // INFRAC_PATH: directories separated by ':'
  std::string executable;   // the running binary
  std::string source_dir;   // the source tree
};

// The locations of this process: $INFRAC_PATH, /proc/self/exe and the compile-time INFRAC_SOURCE_DIR.
LibraryLocations default_library_locations();

std::vector<std::string> library_roots(const LibraryLocations& where);

// The first `<root>/<relative>` that is a regular file, or empty. Every path tried
// is appended to `tried` when given (for the error message).
std::string locate_in_library(const LibraryLocations& where, const std::string& relative, std::vector<std::string>* tried = nullptr);

}  // namespace infrac
