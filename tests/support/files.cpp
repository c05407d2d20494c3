#include "support/files.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/process.hpp"

namespace infrac::test {
namespace fs = std::filesystem;

namespace {

// Offset of the first byte of the line holding byte `at`.
std::size_t line_start(std::string_view text, std::size_t at) {
  std::size_t newline = at == 0 ? std::string_view::npos : text.rfind('\n', at - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

// The line holding byte `at` (or an end marker), escaped so whitespace differences show.
std::string line_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return "<end of text>";
  std::size_t begin = line_start(text, at);
  std::size_t end = text.find('\n', at);
  std::string_view line = text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  std::string out = "\"";
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  out += end == std::string_view::npos ? "\" (no final newline)" : "\"";
  return out;
}

}  // namespace

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::optional<std::string> read_file_if_exists(const fs::path& path) {
  if (!fs::exists(path)) return std::nullopt;
  return read_file(path);
}

void write_file(const fs::path& path, std::string_view bytes) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

fs::path patched_new_side(const fs::path& case_dir, const fs::path& into) {
  fs::path copy = into / "new";
  fs::copy(case_dir / "old", copy, fs::copy_options::recursive);
  Process patch = run_shell("patch -s -p1 -d " + shell_quote(copy.string()) + " < " +
                            shell_quote(fs::absolute(case_dir / "new.patch").string()) + " 2>&1");
  if (patch.status != 0) {
    throw std::runtime_error((case_dir / "new.patch").generic_string() + " does not apply to " +
                             (case_dir / "old").generic_string() + ":\n" + patch.output);
  }
  return copy;
}

std::vector<std::string> case_names(const fs::path& dir, std::string_view extension) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (!entry.is_regular_file() || file.size() <= extension.size()) continue;
    if (file.compare(file.size() - extension.size(), extension.size(), extension) != 0) continue;
    names.push_back(file.substr(0, file.size() - extension.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_directory()) files.push_back(fs::relative(entry.path(), dir).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool is_valid_case_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string first_difference(std::string_view expected, std::string_view actual) {
  auto [e, a] = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
  if (e == expected.end() && a == actual.end()) return {};
  auto at = static_cast<std::size_t>(e - expected.begin());
  std::size_t line = static_cast<std::size_t>(std::count(expected.begin(), e, '\n')) + 1;
  std::size_t column = at - line_start(expected, at) + 1;
  std::ostringstream out;
  out << "first difference at line " << line << ", column " << column << " (byte " << at << ")\n"
      << "  expected: " << line_at(expected, at) << "\n"
      << "  actual:   " << line_at(actual, at);
  return out.str();
}

bool update_golden_requested() {
  const char* value = std::getenv("INFRAC_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

}  // namespace infrac::test
