// The one reader of input files (io/safe_read.hpp): a read that fails after the file was
// opened and checked is reported, never taken for an empty or a shorter text.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "io/safe_read.hpp"

namespace fs = std::filesystem;

TEST_CASE("a regular file whose read fails is an error with the system's reason, and no text") {
  fs::path dir = fs::temp_directory_path() / ("infrac-safe-read-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "a.infra").string();
  { std::ofstream(path) << "stack s {}\n"; }
  // A descriptor that passes every check (a regular file, outside /proc, /sys and /dev,
  // within the limit) but that the kernel will not read from: read() fails (EBADF), as it
  // would with EIO on a failing disk.
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  infrac::io::InputFile file;
  infrac::io::ReadProblem problem = infrac::io::read_opened_file(fd, path, 1024, file);
  ::close(fd);
  CHECK(problem.reason == "bad file descriptor");
  CHECK_FALSE(problem.missing);
  CHECK(file.text.empty());
  // The same file opened by the reader itself reads whole.
  CHECK_FALSE(infrac::io::read_input_file(path, 1024, file));
  CHECK(file.text == "stack s {}\n");
  fs::remove_all(dir);
}

TEST_CASE("a directory or /proc/self/mem named as an input is refused before any read") {
  infrac::io::InputFile file;
  CHECK(infrac::io::read_input_file(fs::temp_directory_path().string(), 1024, file).reason == "it is a directory");
  CHECK(infrac::io::read_input_file("/proc/self/mem", 1024, file).reason == "infrac reads no file under /proc, /sys or /dev");
  CHECK(file.text.empty());
}
