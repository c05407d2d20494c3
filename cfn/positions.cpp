#include "cfn/positions.hpp"

#include "cfn/references.hpp"

namespace infrac::cfn {

Positions::Place Positions::add(Place parent, std::string_view token, std::size_t offset) {
  auto [it, inserted] = children_.try_emplace(Child{parent, std::string(token)}, static_cast<Place>(offsets_.size()));
  if (inserted) {
    offsets_.push_back(offset);
  } else if (offsets_[it->second] == kNone) {
    offsets_[it->second] = offset;
  }
  return it->second;
}

std::size_t Positions::offset_of(const Json::json_pointer& pointer) const {
  Place place = kRoot;
  std::size_t found = offsets_[kRoot];
  Child key{kRoot, {}};
  for (std::string& token : pointer_tokens(pointer)) {
    key.parent = place;
    key.token = std::move(token);
    auto it = children_.find(key);
    if (it == children_.end()) break;
    place = it->second;
    if (offsets_[place] != kNone) found = offsets_[place];
  }
  return found == kNone ? 0 : found;
}

void Positions::shift(std::size_t by) {
  for (auto& offset : offsets_) {
    if (offset != kNone) offset += by;
  }
}

Positions json_positions(std::string_view text) {
  // One frame per open map or list: its place, and where the next member or item goes.
  struct Frame {
    Positions::Place place = Positions::kRoot;
    bool object = false;
    std::size_t items = 0;                     // a list's items so far
    Positions::Place member = Positions::kRoot;  // a map's current member
    bool wants_key = true;                     // a map: the next string is a key
  };
  Positions positions;
  std::vector<Frame> open;
  // A value begins at `at`: its place (a list item is placed here, a member was at its key).
  auto place_value = [&](std::size_t at) -> Positions::Place {
    if (open.empty()) return Positions::kRoot;
    Frame& top = open.back();
    if (top.object) {
      top.wants_key = true;
      return top.member;
    }
    return positions.add(top.place, std::to_string(top.items++), at);
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
        Frame& top = open.back();
        top.member = escaped ? positions.add(top.place, Json::parse(raw).get<std::string>(), start)
                             : positions.add(top.place, raw.substr(1, raw.size() - 2), start);
        top.wants_key = false;
      } else {
        place_value(start);
      }
    } else if (c == '{' || c == '[') {
      Frame frame;
      frame.place = place_value(i);
      frame.object = c == '{';
      open.push_back(frame);
      ++i;
    } else if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ':') {
      ++i;
    } else {  // a number, true, false or null
      place_value(i);
      while (i < text.size() && std::string_view(" \t\r\n,:]}").find(text[i]) == std::string_view::npos) ++i;
    }
  }
  return positions;
}

}  // namespace infrac::cfn
