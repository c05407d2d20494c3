#include "cfn/positions.hpp"

#include <vector>

#include "cfn/references.hpp"

namespace infrac::cfn {

std::size_t Positions::offset_of(const Json::json_pointer& pointer) const {
  for (Json::json_pointer p = pointer;; p = p.parent_pointer()) {
    if (auto it = offsets_.find(p.to_string()); it != offsets_.end()) return it->second;
    if (p.empty()) return 0;
  }
}

void Positions::shift(std::size_t by) {
  for (auto& [pointer, offset] : offsets_) offset += by;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  append_pointer_token(out, key);
  return out;
}

Positions json_positions(std::string_view text) {
  // One frame per open map or list: its pointer, and where the next member or item goes.
  struct Frame {
    std::string pointer;
    bool object = false;
    std::size_t items = 0;  // a list's items so far
    std::string key;        // a map's current key (escaped, with its "/")
    bool wants_key = true;  // a map: the next string is a key
  };
  Positions positions;
  std::vector<Frame> open;
  // A value begins at `at`: the pointer it gets (a list item is placed here, a member at its key).
  auto value_pointer = [&](std::size_t at) -> std::string {
    if (open.empty()) return "";
    Frame& top = open.back();
    if (top.object) {
      top.wants_key = true;
      return top.pointer + top.key;
    }
    std::string pointer = top.pointer + "/" + std::to_string(top.items++);
    positions.add(pointer, at);
    return pointer;
  };
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      std::size_t start = i++;
      bool escaped = false;
      for (; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
          escaped = true;
          ++i;
        }
      }
      ++i;  // the closing quote
      if (!open.empty() && open.back().object && open.back().wants_key) {
        std::string_view raw = text.substr(start, i - start);
        std::string key = escaped ? Json::parse(raw).get<std::string>() : std::string(raw.substr(1, raw.size() - 2));
        open.back().key = pointer_token(key);
        open.back().wants_key = false;
        positions.add(open.back().pointer + open.back().key, start);
      } else {
        value_pointer(start);
      }
    } else if (c == '{' || c == '[') {
      Frame frame;
      frame.pointer = value_pointer(i);
      frame.object = c == '{';
      open.push_back(std::move(frame));
      ++i;
    } else if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':') {
      ++i;
    } else {  // a number, true, false or null
      value_pointer(i);
      while (i < text.size() && std::string_view(" \t\r\n,:]}").find(text[i]) == std::string_view::npos) ++i;
    }
  }
  return positions;
}

}  // namespace infrac::cfn
