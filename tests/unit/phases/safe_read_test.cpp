// The one reader of input files (io/safe_read.hpp): a read that fails after the file was
// opened and checked is reported, never taken for an empty or a shorter text; an editor's
// unsaved text is held to the same limits as the file it stands in for.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
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

TEST_CASE("an unsaved text stands in for its file under the same limits: the size, and no path under /proc, /sys or /dev") {
  infrac::io::UnsavedTexts unsaved = [](const std::string& path) -> std::optional<std::string> {
    if (path.ends_with("big.infra")) return std::string(2000, '#');
    if (path.ends_with(".infra")) return std::string("stack s {}\n");
    return std::nullopt;
  };
  fs::path dir = fs::temp_directory_path() / ("infrac-unsaved-" + std::to_string(::getpid()));
  infrac::io::InputFile file;
  // Read instead of the disk, where no such file exists.
  CHECK_FALSE(infrac::io::read_input((dir / "a.infra").string(), 1024, unsaved, file));
  CHECK(file.text == "stack s {}\n");
  CHECK(file.real_path == fs::weakly_canonical(dir / "a.infra").string());
  CHECK(infrac::io::read_input((dir / "big.infra").string(), 1024, unsaved, file).reason ==
        "the file is 2000 bytes; the limit is 1 KiB");
  CHECK(file.text.empty());
  CHECK(infrac::io::read_input("/proc/self/x.infra", 1024, unsaved, file).reason == "infrac reads no file under /proc, /sys or /dev");
  CHECK(infrac::io::read_input("/dev/../dev/x.infra", 1024, unsaved, file).reason == "infrac reads no file under /proc, /sys or /dev");
  // Without an unsaved text, the disk: a missing file is `missing`.
  CHECK(infrac::io::read_input((dir / "a.json").string(), 1024, unsaved, file).missing);
}
