#include "io/safe_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace infrac::io {
namespace {

// Filesystems whose files are not data: their sizes lie (procfs says 0) and reading
// them can leak the build machine's secrets (/proc/self/environ).
constexpr long kProcMagic = 0x9fa0;
constexpr long kSysfsMagic = 0x62656572;

std::string lowercase_reason(int error) {
  std::string reason = std::strerror(error);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

bool starts_with_directory(const std::string& path, const std::string& directory) {
  if (directory == "/") return !path.empty() && path[0] == '/';
  return path.compare(0, directory.size(), directory) == 0 && (path.size() == directory.size() || path[directory.size()] == '/');
}

bool in_system_directory(const std::string& real_path) {
  return starts_with_directory(real_path, "/proc") || starts_with_directory(real_path, "/sys") ||
         starts_with_directory(real_path, "/dev");
}

// The opened file's real path: what /proc/self/fd says, or (without procfs) realpath().
std::string real_path_of(int fd, const std::string& path) {
  std::string link = "/proc/self/fd/" + std::to_string(fd);
  char buffer[PATH_MAX + 1];
  ssize_t n = ::readlink(link.c_str(), buffer, PATH_MAX);
  if (n > 0) return std::string(buffer, static_cast<std::size_t>(n));
  if (char* resolved = ::realpath(path.c_str(), nullptr)) {
    std::string out = resolved;
    std::free(resolved);
    return out;
  }
  return {};
}

struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string describe_size(std::uintmax_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

ReadProblem read_input_file(const std::string& path, std::uintmax_t max_bytes, InputFile& out) {
  out = {};
  if (path.empty()) return {"no file name", true};
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
  if (file.fd < 0) {
    int error = errno;
    if (error == ELOOP) return {"too many levels of symbolic links (a symlink loop?)"};
    return {lowercase_reason(error), error == ENOENT || error == ENOTDIR};
  }
  return read_opened_file(file.fd, path, max_bytes, out);
}

ReadProblem read_opened_file(int fd, const std::string& path, std::uintmax_t max_bytes, InputFile& out) {
  out = {};
  struct stat status {};
  if (::fstat(fd, &status) != 0) return {lowercase_reason(errno)};
  if (S_ISDIR(status.st_mode)) return {"it is a directory"};
  if (!S_ISREG(status.st_mode)) return {"not a regular file"};
  out.real_path = real_path_of(fd, path);
  struct statfs filesystem {};
  bool system_filesystem = ::fstatfs(fd, &filesystem) == 0 &&
                           (static_cast<long>(filesystem.f_type) == kProcMagic || static_cast<long>(filesystem.f_type) == kSysfsMagic);
  if (system_filesystem || in_system_directory(out.real_path)) return {"infrac reads no file under /proc, /sys or /dev"};
  if (static_cast<std::uintmax_t>(status.st_size) > max_bytes) {
    return {"the file is " + std::to_string(status.st_size) + " bytes; the limit is " + describe_size(max_bytes)};
  }
  // Read to the end, whatever the size said (a file can grow), but never past the limit.
  std::string text;
  text.resize(static_cast<std::size_t>(status.st_size));
  std::size_t used = 0;
  for (;;) {
    if (used == text.size()) {
      if (text.size() > max_bytes) {
        return {"the file is over " + describe_size(max_bytes) + " (the limit)"};
      }
      text.resize(std::min<std::uintmax_t>(max_bytes + 1, std::max<std::size_t>(4096, text.size() * 2)));
    }
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return {lowercase_reason(errno)};
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (used > max_bytes) return {"the file is over " + describe_size(max_bytes) + " (the limit)"};
  text.resize(used);
  out.text = std::move(text);
  return {};
}

ReadProblem read_input(const std::string& path, std::uintmax_t max_bytes, const UnsavedTexts& unsaved, InputFile& out) {
  std::optional<std::string> text = unsaved ? unsaved(path) : std::nullopt;
  if (!text) return read_input_file(path, max_bytes, out);
  out = {};
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  std::filesystem::path real = ec ? std::filesystem::path(path) : std::filesystem::weakly_canonical(absolute, ec);
  out.real_path = (ec ? absolute.lexically_normal() : real).string();
  if (in_system_directory(out.real_path)) return {"infrac reads no file under /proc, /sys or /dev"};
  if (text->size() > max_bytes) {
    return {"the file is " + std::to_string(text->size()) + " bytes; the limit is " + describe_size(max_bytes)};
  }
  out.text = std::move(*text);
  return {};
}

void Places::add(const std::string& directory) {
  char* resolved = ::realpath(directory.c_str(), nullptr);
  if (!resolved) return;
  std::string root = resolved;
  std::free(resolved);
  if (std::find(roots_.begin(), roots_.end(), root) == roots_.end()) roots_.push_back(root);
}

bool Places::contain(const std::string& real_path) const {
  return std::any_of(roots_.begin(), roots_.end(), [&](const std::string& root) { return starts_with_directory(real_path, root); });
}

}  // namespace infrac::io
