#include "cli/atomic_write.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>

namespace infrac {
namespace {
namespace fs = std::filesystem;

std::string reason(int error) { return std::strerror(error); }

// The directory a target is written in, and the start of names that go beside it.
std::string hidden_sibling(const std::string& path, const std::string& what) {
  fs::path target(path);
  fs::path dir = target.parent_path();
  return (dir / ("." + target.filename().string() + "." + what)).string();
}

// Writes everything to `fd`; false with errno set when it cannot.
bool write_fully(int fd, const std::string& contents) {
  std::size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

mode_t file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// A temporary file created exclusively (mkstemp: O_CREAT|O_EXCL, never through a symlink)
// beside the target, holding `contents`; empty with `problem` set when it cannot be made.
std::string write_temporary(const OutputFile& file, Sync sync, std::string& problem) {
  std::string name = hidden_sibling(file.path, "tmp-XXXXXX");
  int fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    problem = "cannot write `" + file.path + "`: " + reason(errno);
    return {};
  }
  bool ok = ::fchmod(fd, file_mode()) == 0 && write_fully(fd, file.contents) &&
            (sync == Sync::No || ::fsync(fd) == 0);
  int error = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    ::unlink(name.c_str());
    problem = "cannot write `" + file.path + "`: " + reason(error);
    return {};
  }
  return name;
}

// A second name for the existing target, so that it can be put back; empty when there is
// no target. link() fails rather than replace an existing name, so the name is exclusive.
std::string keep_previous(const std::string& path, std::string& problem) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno != ENOENT) problem = "cannot replace `" + path + "`: " + reason(errno);
    return {};
  }
  for (int attempt = 0; attempt < 100; ++attempt) {
    // getrandom(2), not std::random_device: that asks the processor whether it has RDRAND
    // (cpuid) at every construction, which a virtual machine traps: 2 % of a
    // one-resource build's CPU time here (bench/README.md).
    std::uint64_t random = 0;
    if (::getrandom(&random, sizeof random, 0) != sizeof random) {
      random = (static_cast<std::uint64_t>(::getpid()) << 20) + static_cast<std::uint64_t>(attempt);  // still exclusive: link()
    }
    std::string name = hidden_sibling(path, "old-" + std::to_string(random % 1000000000));
    if (::link(path.c_str(), name.c_str()) == 0) return name;
    if (errno != EEXIST) {
      problem = "cannot replace `" + path + "`: " + reason(errno);
      return {};
    }
  }
  problem = "cannot replace `" + path + "`: no free name for a backup";
  return {};
}

void remove_all(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    if (!p.empty()) ::unlink(p.c_str());
  }
}

}  // namespace

std::string write_all_or_nothing(const std::vector<OutputFile>& files, Sync sync, const RenameFile& rename) {
  // Everything that can be checked is checked before the first rename: a target that is
  // a directory, or anything else but a file or a symlink, cannot be replaced.
  for (const auto& file : files) {
    struct stat status {};
    if (::lstat(file.path.c_str(), &status) == 0 && !S_ISREG(status.st_mode) && !S_ISLNK(status.st_mode)) {
      return "cannot replace `" + file.path + "`: " + (S_ISDIR(status.st_mode) ? "it is a directory" : "not a regular file");
    }
  }
  std::vector<std::string> temporaries, previous;
  std::string problem;
  for (const auto& file : files) {
    temporaries.push_back(write_temporary(file, sync, problem));
    if (problem.empty()) previous.push_back(keep_previous(file.path, problem));
    if (!problem.empty()) {
      remove_all(temporaries);
      remove_all(previous);
      return problem;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (rename(temporaries[i].c_str(), files[i].path.c_str()) == 0) continue;
    problem = "cannot replace `" + files[i].path + "`: " + reason(errno);
    // Put the previous output set back as it was: restore what was replaced, remove what is new.
    for (std::size_t k = 0; k < i; ++k) {
      if (!previous[k].empty()) {
        ::rename(previous[k].c_str(), files[k].path.c_str());
      } else {
        ::unlink(files[k].path.c_str());
      }
    }
    remove_all({temporaries.begin() + static_cast<std::ptrdiff_t>(i), temporaries.end()});
    remove_all({previous.begin() + static_cast<std::ptrdiff_t>(i), previous.end()});
    return problem;
  }
  remove_all(previous);
  return {};
}

}  // namespace infrac
