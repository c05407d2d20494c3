#include "aws/ini.hpp"

#include <sstream>

#include "io/safe_read.hpp"

namespace infrac::aws {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

ProfileFile parse_profile_file(const std::string& text, bool config_file) {
  ProfileFile file;
  std::istringstream in(text);
  std::string line;
  std::string section;
  bool in_section = false;
  while (std::getline(in, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) continue;  // nested block
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[') {
      size_t close = t.find(']');
      std::string name = trim(t.substr(1, close == std::string::npos ? std::string::npos : close - 1));
      in_section = true;
      if (config_file && name.rfind("profile ", 0) == 0) {
        name = trim(name.substr(8));
      } else if (config_file && name != "default") {
        in_section = false;  // [sso-session x], [services x]: not profiles
      }
      section = name;
      if (in_section) file[section];
      continue;
    }
    if (!in_section) continue;
    size_t eq = t.find('=');
    if (eq == std::string::npos) continue;
    std::string value = trim(t.substr(eq + 1));
    // An inline comment starts at " #" or " ;".
    for (const char* mark : {" #", " ;", "\t#", "\t;"}) {
      size_t at = value.find(mark);
      if (at != std::string::npos) value = trim(value.substr(0, at));
    }
    file[section][trim(t.substr(0, eq))] = value;
  }
  return file;
}

std::optional<std::string> read_text_file(const std::string& path) {
  io::InputFile file;
  if (io::read_input_file(path, kMaxSettingsFile, file)) return std::nullopt;
  return std::move(file.text);
}

}  // namespace infrac::aws
