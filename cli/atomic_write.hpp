#pragma once
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
std::string write_all_or_nothing(const std::vector<OutputFile>& files);

}  // namespace infrac
