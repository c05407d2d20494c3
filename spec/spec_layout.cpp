#include "spec/spec_layout.hpp"

#include <cstring>

namespace infrac {

bool scan_spec_layout(std::string_view all, SpecLayout& layout, std::size_t& line, std::string& error) {
  layout = {};
  line = 1;
  auto fail = [&](const char* why) {
    error = why;
    return false;
  };
  if (all.size() >= UINT32_MAX) return fail("the file is too large");
  std::size_t line_end = all.find('\n');
  if (line_end == std::string_view::npos) return fail("no line ends");
  layout.header = all.substr(0, line_end);
  // About 1,600 bytes a record in the real file: one allocation instead of a dozen.
  layout.records.reserve(all.size() / 1024 + 16);
  std::size_t pos = line_end + 1;
  std::string_view previous;
  while (pos < all.size()) {
    ++line;
    std::size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view entry = all.substr(pos, end - pos);
    std::size_t entry_begin = pos;
    pos = end + 1;
    if (entry == "}}") return true;
    // "Name":{record}   with a comma after every entry but the last
    if (entry.size() < 5 || entry.front() != '"') return fail("expected `\"<type name>\":{...}`");
    std::size_t name_end = entry.find('"', 1);
    if (name_end == std::string_view::npos || name_end + 1 >= entry.size() || entry[name_end + 1] != ':') {
      return fail("expected `\"<type name>\":{...}`");
    }
    std::string_view name = entry.substr(1, name_end - 1);
    if (name.find('\\') != std::string_view::npos) return fail("escaped characters in a type name");
    std::string_view body = entry.substr(name_end + 2);
    if (body.ends_with(',')) body.remove_suffix(1);
    if (body.size() < 2 || body.front() != '{' || body.back() != '}') return fail("the record is not an object");
    if (!layout.records.empty() && !(previous < name)) return fail("type names are not sorted");
    previous = name;
    auto begin = static_cast<std::uint32_t>(entry_begin + name_end + 2);
    layout.records.push_back({static_cast<std::uint32_t>(entry_begin + 1), static_cast<std::uint32_t>(name.size()), begin,
                              static_cast<std::uint32_t>(begin + body.size())});
  }
  return fail("the file does not end with `}}`");
}

bool is_record_line(std::string_view text, std::string_view name, const SpecRecordPlace& place) {
  std::size_t name_begin = place.name_begin, begin = place.begin, end = place.end;
  if (name_begin < 2 || name.size() != place.name_size || begin != name_begin + name.size() + 2 || end <= begin + 1 ||
      end >= text.size()) {
    return false;
  }
  if (text[name_begin - 2] != '\n' || text[name_begin - 1] != '"' || text.substr(name_begin, name.size()) != name ||
      text.substr(begin - 2, 2) != "\":") {
    return false;
  }
  std::string_view record = text.substr(begin, end - begin);
  if (record.front() != '{' || record.back() != '}' || std::memchr(record.data(), '\n', record.size()) != nullptr) {
    return false;
  }
  std::size_t after = text[end] == ',' ? end + 1 : end;
  return after < text.size() && text[after] == '\n';
}

}  // namespace infrac
