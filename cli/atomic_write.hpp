#pragma once
#include <cstdio>
#include <functional>
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
//
// `sync`: whether each temporary is flushed to the disk (fsync) before the renames. The
// all-or-nothing guarantee does not need it: it comes from the exclusive temporaries and
// the renames, and holds for every process that reads the outputs. fsync adds durability
// across a power loss or a kernel crash, where an unsynced file may come back empty. That
// is worth its cost (0.15 to 0.2 ms of CPU a file here, and the wait for the disk) only
// for what cannot be made again: `infrac fmt` rewriting a source in place, a known_hosts
// file, what AWS answered.
// `infrac build`'s outputs are derived from the sources and built again by running it
// again, so it does not sync them, as gcc, clang and ninja do not sync theirs
// (docs/limits.md).
// `rename` moves each file into place (::rename; a test passes one that fails midway, as
// a race with another process could make it).
enum class Sync : bool { No, Yes };
using RenameFile = std::function<int(const char* from, const char* to)>;
std::string write_all_or_nothing(const std::vector<OutputFile>& files, Sync sync = Sync::Yes,
                                 const RenameFile& rename = ::rename);

}  // namespace infrac
