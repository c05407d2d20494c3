#pragma once
// The one way infrac reads an input file. Every input (.infra files, imports,
// file() texts, and later templates, policies and parameter files) must be a
// regular file, at most a given size, outside /proc, /sys and /dev; every
// read error is reported. The checks are made on the opened file, not on the
// path string, so a symlink or `..` cannot get around them.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace infrac::io {

struct InputFile {
  std::string text;
  std::string real_path;  // where the opened file really is (symlinks and `..` resolved)
};

// Why a file was not read: lowercase words fit to follow "cannot read `path`: ", never
// the file's content. Empty when the file was read.
struct ReadProblem {
  std::string reason;
  bool missing = false;  // no such file (a name to look for elsewhere, or a typo)
  explicit operator bool() const { return !reason.empty(); }
};

// Reads `path` (at most `max_bytes`) into `out`.
ReadProblem read_input_file(const std::string& path, std::uintmax_t max_bytes, InputFile& out);

// The same checks and reading on a descriptor already open on `path` (read_input_file opens
// it read-only, never waiting on a FIFO); the caller closes it.
ReadProblem read_opened_file(int fd, const std::string& path, std::uintmax_t max_bytes, InputFile& out);

// Texts that stand in for files on disk (an editor's unsaved buffers, for the language
// server): given the path about to be read, the text to use instead, or nothing.
using UnsavedTexts = std::function<std::optional<std::string>(const std::string& path)>;

// read_input_file, except that an unsaved text for `path` is read instead of the disk (the
// file may not exist yet, or any more). It is held to the same limits: at most `max_bytes`,
// and its real path (the path made absolute, symlinks of its directories resolved) must not
// be under /proc, /sys or /dev; callers check it against their Places as for a file.
ReadProblem read_input(const std::string& path, std::uintmax_t max_bytes, const UnsavedTexts& unsaved, InputFile& out);

// Places an input may come from: a set of directories, each stored with its symlinks
// resolved. A file is inside when its real path is one of them or below one.
class Places {
 public:
  // Adds a directory (resolved now); one that does not exist is ignored.
  void add(const std::string& directory);
  bool contain(const std::string& real_path) const;
  const std::vector<std::string>& roots() const { return roots_; }

 private:
  std::vector<std::string> roots_;
};

// "1 MiB", "16 MiB", "512 bytes": a limit as the messages and the docs print it.
std::string describe_size(std::uintmax_t bytes);

}  // namespace infrac::io
