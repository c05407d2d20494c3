// Output files are written all or none.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/atomic_write.hpp"

namespace fs = std::filesystem;

TEST_CASE("when one file cannot be written, none is, and an old file is left untouched") {
  fs::path dir = fs::temp_directory_path() / ("infrac-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  { std::ofstream(dir / "a.json") << "old"; }
  std::string problem = infrac::write_all_or_nothing(
      {{(dir / "a.json").string(), "new"}, {(dir / "missing-dir" / "b.json").string(), "b"}});
  CHECK_FALSE(problem.empty());
  std::ifstream in(dir / "a.json");
  std::string contents((std::istreambuf_iterator<char>(in)), {});
  CHECK(contents == "old");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  fs::remove_all(dir);
}
