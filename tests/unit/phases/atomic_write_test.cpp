// Output files are written all or none.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "cli/atomic_write.hpp"

namespace fs = std::filesystem;

TEST_CASE("when one file cannot be written, none is, and an old file is left untouched") {
  infrac::Sync sync = infrac::Sync::Yes;
  SUBCASE("synced") { sync = infrac::Sync::Yes; }
  SUBCASE("not synced") { sync = infrac::Sync::No; }
  fs::path dir = fs::temp_directory_path() / ("infrac-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  { std::ofstream(dir / "a.json") << "old"; }
  std::string problem = infrac::write_all_or_nothing(
      {{(dir / "a.json").string(), "new"}, {(dir / "missing-dir" / "b.json").string(), "b"}}, sync);
  CHECK_FALSE(problem.empty());
  std::ifstream in(dir / "a.json");
  std::string contents((std::istreambuf_iterator<char>(in)), {});
  CHECK(contents == "old");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  fs::remove_all(dir);
}

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

// Both with and without fsync (`infrac build` does not sync: cli/atomic_write.hpp): the
// guarantee comes from the temporaries and the renames.
TEST_CASE("when a rename fails midway, the previous output set is put back as it was") {
  infrac::Sync sync = infrac::Sync::Yes;
  SUBCASE("synced") { sync = infrac::Sync::Yes; }
  SUBCASE("not synced") { sync = infrac::Sync::No; }
  fs::path dir = fs::temp_directory_path() / ("infrac-atomic-rename-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  { std::ofstream(dir / "a.json") << "old a"; }
  { std::ofstream(dir / "c.json") << "old c"; }
  // After the checks, another process makes a directory where d.json goes: the real rename
  // onto it fails (EISDIR) once a.json, b.json and c.json are already in place.
  int renames = 0;
  auto racing_rename = [&](const char* from, const char* to) {
    if (++renames == 4) fs::create_directory(to);
    return ::rename(from, to);
  };
  std::string problem = infrac::write_all_or_nothing({{(dir / "a.json").string(), "new a"},
                                                      {(dir / "b.json").string(), "new b"},
                                                      {(dir / "c.json").string(), "new c"},
                                                      {(dir / "d.json").string(), "new d"}},
                                                     sync, racing_rename);
  CHECK(renames == 4);
  CHECK(problem == "cannot replace `" + (dir / "d.json").string() + "`: Is a directory");
  CHECK(read_text(dir / "a.json") == "old a");  // replaced, then put back
  CHECK(read_text(dir / "c.json") == "old c");
  CHECK_FALSE(fs::exists(dir / "b.json"));  // new, so removed again
  // Nothing else is left: no temporary file, no backup of a previous file.
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename().string());
  CHECK(names == std::set<std::string>{"a.json", "c.json", "d.json"});
  CHECK(fs::is_directory(dir / "d.json"));  // the other process's directory, untouched
  fs::remove_all(dir);
}

TEST_CASE("when every rename succeeds, no backup or temporary file is left beside the outputs") {
  fs::path dir = fs::temp_directory_path() / ("infrac-atomic-clean-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  { std::ofstream(dir / "a.json") << "old a"; }
  infrac::Sync sync = infrac::Sync::Yes;
  SUBCASE("synced") { sync = infrac::Sync::Yes; }
  SUBCASE("not synced") { sync = infrac::Sync::No; }
  CHECK(infrac::write_all_or_nothing({{(dir / "a.json").string(), "new a"}, {(dir / "b.json").string(), "new b"}}, sync)
            .empty());
  CHECK(read_text(dir / "a.json") == "new a");
  CHECK(read_text(dir / "b.json") == "new b");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  CHECK(files == 2);
  fs::remove_all(dir);
}
