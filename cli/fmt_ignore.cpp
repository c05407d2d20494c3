#include "cli/fmt_ignore.hpp"

#include <fnmatch.h>

#include "io/safe_read.hpp"

namespace infrac::fmt_ignore {
namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kIgnoreFileBytes = 1024 * 1024;

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t end = text.find(separator, at);
    if (end == std::string_view::npos) end = text.size();
    out.emplace_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// Whether the pattern's segments match the path's segments. One row per pattern segment,
// computed from the last: `at[si]` says whether the segments after it match path[si..]. A table,
// not a recursion, because each `**` would otherwise try every depth again for the next one.
bool match_segments(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  const std::size_t n = path.size();
  std::vector<char> next(n + 1, 0), at(n + 1, 0);
  next[n] = 1;  // no pattern left matches no path left
  for (std::size_t pi = pattern.size(); pi-- > 0;) {
    if (pattern[pi] == "**") {
      if (pi + 1 == pattern.size()) {
        // A trailing `/**` matches everything inside, not the directory itself.
        for (std::size_t si = 0; si <= n; ++si) at[si] = si < n;
      } else {
        char any_later = 0;  // `**` takes zero or more segments
        for (std::size_t si = n + 1; si-- > 0;) at[si] = any_later = any_later || next[si];
      }
    } else {
      at[n] = 0;
      for (std::size_t si = 0; si < n; ++si) {
        at[si] = next[si + 1] && ::fnmatch(pattern[pi].c_str(), path[si].c_str(), 0) == 0;
      }
    }
    std::swap(at, next);
  }
  return next[0];
}

bool is_below(const fs::path& path, const fs::path& directory) {
  auto p = path.begin(), d = directory.begin();
  for (; d != directory.end(); ++d, ++p) {
    if (p == path.end() || *p != *d) return false;
  }
  return p != path.end();
}

}  // namespace

std::vector<Pattern> parse_patterns(std::string_view text) {
  std::vector<Pattern> out;
  int number = 0;
  for (std::string line : split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing blanks are dropped unless the last one is escaped.
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t') && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    p.text = line;
    p.line = number;
    if (line[0] == '!') {
      p.negated = true;
      line.erase(0, 1);
    } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '#' || line[1] == '!')) {
      line.erase(0, 1);
    }
    while (!line.empty() && line.back() == '/') {
      p.directory_only = true;
      line.pop_back();
    }
    p.anchored = line.find('/') != std::string::npos;
    for (std::string& segment : split(line, '/')) {
      if (!segment.empty()) p.segments.push_back(std::move(segment));
    }
    if (!p.segments.empty()) out.push_back(std::move(p));
  }
  return out;
}

bool matches(const Pattern& pattern, std::string_view relative, bool is_directory) {
  if (pattern.directory_only && !is_directory) return false;
  std::vector<std::string> path = split(relative, '/');
  if (pattern.anchored) return match_segments(pattern.segments, path);
  // No `/` in the pattern: it matches a name at any depth.
  return ::fnmatch(pattern.segments.front().c_str(), path.back().c_str(), 0) == 0;
}

fs::path absolute_normal(const fs::path& path) {
  std::error_code ec;
  fs::path out = fs::absolute(path, ec).lexically_normal();
  if (ec) out = path.lexically_normal();
  if (out.has_filename() || out == out.root_path()) return out;
  return out.parent_path();  // `dir/` normalises to `dir/`: drop the empty last element
}

void Rules::read(const fs::path& directory, std::vector<std::string>& problems) {
  fs::path file = directory / kFileName;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return;
  io::InputFile input;
  if (io::ReadProblem problem = io::read_input_file(file.string(), kIgnoreFileBytes, input)) {
    problems.push_back("cannot read `" + file.string() + "`: " + problem.reason);
    return;
  }
  files_.push_back({directory, file.string(), parse_patterns(input.text)});
}

Rules Rules::above(const fs::path& directory, std::vector<std::string>& problems) {
  std::vector<fs::path> chain;  // innermost first
  std::error_code ec;
  for (fs::path d = absolute_normal(directory);; d = d.parent_path()) {
    chain.push_back(d);
    if (fs::exists(d / ".git", ec) || d == d.root_path() || d.parent_path() == d) break;
  }
  Rules rules;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) rules.read(*it, problems);
  return rules;
}

Rules Rules::entering(const fs::path& directory, std::vector<std::string>& problems) const {
  Rules rules = *this;
  rules.read(absolute_normal(directory), problems);
  return rules;
}

std::optional<Match> Rules::decide(const fs::path& path, bool is_directory) const {
  std::optional<Match> decided;
  for (const File& f : files_) {
    if (!is_below(path, f.directory)) continue;
    std::string relative = path.lexically_relative(f.directory).generic_string();
    for (const Pattern& p : f.patterns) {
      if (!matches(p, relative, is_directory)) continue;
      decided = p.negated ? std::nullopt : std::optional<Match>(Match{f.path, p.line, p.text});
    }
  }
  return decided;
}

std::optional<Match> Rules::ignoring(const fs::path& path, bool is_directory) const {
  // A path inside an ignored directory is ignored: no line can bring it back (as in git).
  std::vector<fs::path> directories;  // innermost first
  for (fs::path dir = path.parent_path(); dir != dir.parent_path(); dir = dir.parent_path()) {
    bool inside_some = false;
    for (const File& f : files_) inside_some |= is_below(dir, f.directory);
    if (!inside_some) break;
    directories.push_back(dir);
  }
  for (auto it = directories.rbegin(); it != directories.rend(); ++it) {
    if (auto m = decide(*it, true)) return m;
  }
  return decide(path, is_directory);
}

}  // namespace infrac::fmt_ignore
