#include "support/temp_dir.hpp"

#include <stdlib.h>  // mkdtemp

#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace infrac::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "infrac-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory from " + pattern);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace infrac::test
