#pragma once
// Where each value of a loaded document (cfn/load.hpp) is written, so that what reads the
// one model (import's refusals, diff's template sides) can cite `file:line:col` with the
// source line, not only a JSON pointer. A member of a map is where its key is written, an
// item of a list where the item begins. A value not written as such (the long form of a
// YAML short form, `!GetAtt A.B` being {"Fn::GetAtt": ["A", "B"]}, or the copy an alias
// makes) is at its nearest written parent.
//
// A tree of places, one per key or list index, each found from its parent by its token:
// a loader adds a child per member or item as it reads, never a whole pointer (building
// and hashing one string per value was a seventh of `infrac diff`'s instructions).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

class Positions {
 public:
  using Place = std::uint32_t;
  static constexpr Place kRoot = 0;

  Positions() : offsets_(1, kNone) {}
  // The place `token` (a key, unescaped, or a list index in decimal) under `parent`, made when
  // new; `offset` is where it is written, the first offset given for a place being kept
  // (kNone: not written, a place on the way to one that is).
  Place add(Place parent, std::string_view token, std::size_t offset = kNone);
  // The offset of the value at `pointer`, or of its nearest parent that has one (0 for none).
  std::size_t offset_of(const Json::json_pointer& pointer) const;
  void shift(std::size_t by);  // every offset moved on (past a byte-order mark)
  bool empty() const { return offsets_.size() == 1 && offsets_[0] == kNone; }

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

 private:
  struct Child {
    Place parent;
    std::string token;
    bool operator==(const Child&) const = default;
  };
  struct ChildHash {
    std::size_t operator()(const Child& c) const { return std::hash<std::string>()(c.token) * 31 + c.parent; }
  };
  std::vector<std::size_t> offsets_;  // by place; the root first
  std::unordered_map<Child, Place, ChildHash> children_;
};

// The positions of a JSON text that has been parsed without problems.
Positions json_positions(std::string_view text);

}  // namespace infrac::cfn
