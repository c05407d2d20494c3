#pragma once
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace infrac {

struct OutputFile {
  std::string path;
  std::string contents;
};

// Writes every file or none: all contents go to temporary files created exclusively
// beside their targets (mkstemp: never through a symlink, never a guessable name),
// every target is checked, and only then are they renamed into place. If a rename
// still fails, the files already replaced are put back: the previous output set is
// left as it was. Returns an empty string on success, else what went wrong.
// `rename` moves each file into place (::rename; a test passes one that fails midway, as
// a race with another process could make it).
using RenameFile = std::function<int(const char* from, const char* to)>;
std::string write_all_or_nothing(const std::vector<OutputFile>& files, const RenameFile& rename = ::rename);

}  // namespace infrac
