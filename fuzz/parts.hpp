#pragma once
// One fuzz input as several named parts: the input is the first part (named by the
// caller); a line `#=== NAME` starts another part called NAME. project_fuzzer makes
// files of them, template_fuzzer a template, its policy and a second template.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::fuzz {

struct Part {
  std::string_view name;  // as written after `#=== ` (unchecked), or the caller's first name
  std::string_view text;
};

inline std::vector<Part> split_parts(std::string_view input, std::string_view first_name, std::size_t max_parts) {
  constexpr std::string_view kMarker = "\n#=== ";
  std::vector<Part> parts;
  std::string_view name = first_name;
  while (parts.size() < max_parts) {
    std::size_t next = input.find(kMarker);
    parts.push_back({name, input.substr(0, next)});
    if (next == std::string_view::npos) break;
    input.remove_prefix(next + kMarker.size());
    std::size_t end = input.find('\n');
    name = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  }
  return parts;
}

}  // namespace infrac::fuzz
