#pragma once
// A directory of this fuzzing process (mkdtemp under the system's temporary directory),
// made on first use and kept for the process's life: where the targets put the files an
// input stands for.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace infrac::fuzz {

inline std::filesystem::path make_temporary_directory(std::string_view prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  return pattern;
}

}  // namespace infrac::fuzz
