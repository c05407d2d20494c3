#pragma once
#include <string>
#include <vector>

namespace infrac {

struct OutputFile {
  std::string path;
  std::string contents;
};

// Writes every file or none: all contents go to temporary files beside their
// targets first, and only when all are written are they renamed into place.
// Returns an empty string on success, else what went wrong.
std::string write_all_or_nothing(const std::vector<OutputFile>& files);

}  // namespace infrac
