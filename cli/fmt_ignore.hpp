#pragma once
// `.infrafmtignore`: the files `infrac fmt` leaves alone, in gitignore's pattern language
// (the tools people know do the same: .prettierignore, black's --exclude). An ignore file
// applies to its directory and everything below it; a deeper one overrides a shallower
// one, and within a file the last matching line decides.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::fmt_ignore {

inline constexpr const char* kFileName = ".infrafmtignore";

// One line of an ignore file.
struct Pattern {
  std::vector<std::string> segments;  // split at `/`; `**` matches any number of directories
  bool negated = false;               // `!pattern`: not ignored after all
  bool directory_only = false;        // `pattern/`: directories only
  bool anchored = false;              // a `/` at the start or inside: relative to the ignore file's directory
  std::string text;                   // the line as written, for messages
  int line = 0;
};

// The patterns of an ignore file's text: blank lines and `#` comments skipped, `\#` and
// `\!` escape a leading `#` or `!`, trailing spaces trimmed.
std::vector<Pattern> parse_patterns(std::string_view text);

// Whether `pattern` matches `relative` (a path below the ignore file's directory, `/`
// separated, never empty) naming a directory or not. Segments match as fnmatch(3) with
// FNM_PATHNAME and FNM_PERIOD off: `*`, `?`, `[...]`, `\` escapes.
bool matches(const Pattern& pattern, std::string_view relative, bool is_directory);

// Why a path is ignored: the ignore file and its line.
struct Match {
  std::string file;  // the ignore file's path
  int line = 0;
  std::string pattern;
};

// The ignore files in force at some directory, outermost first.
class Rules {
 public:
  // The ignore files of `directory` and of every directory above it, up to the repository
  // root (the first directory holding `.git`) or the filesystem root. An ignore file that
  // cannot be read is a problem (its message appended), not a silent gap.
  static Rules above(const std::filesystem::path& directory, std::vector<std::string>& problems);

  // These rules and, when `directory` holds an ignore file, that one (for a walk downwards).
  Rules entering(const std::filesystem::path& directory, std::vector<std::string>& problems) const;

  // The ignore line that decides `path` (absolute, normal) is ignored; nothing when no line
  // matches or the deciding one is negated.
  std::optional<Match> ignoring(const std::filesystem::path& path, bool is_directory) const;

 private:
  struct File {
    std::filesystem::path directory;  // absolute, normal
    std::string path;
    std::vector<Pattern> patterns;
  };
  void read(const std::filesystem::path& directory, std::vector<std::string>& problems);
  // The last line of any file in force that matches `path` itself decides.
  std::optional<Match> decide(const std::filesystem::path& path, bool is_directory) const;
  std::vector<File> files_;
};

// `path` made absolute and lexically normal (no `.`, `..` or trailing separator), the form
// Rules compares.
std::filesystem::path absolute_normal(const std::filesystem::path& path);

}  // namespace infrac::fmt_ignore
