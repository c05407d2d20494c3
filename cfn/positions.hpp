#pragma once
// Where each value of a loaded document (cfn/load.hpp) is written, so that what reads the
// one model (import's refusals, diff's template sides) can cite `file:line:col` with the
// source line, not only a JSON pointer. A side table from JSON pointers to byte offsets:
// a member of a map is where its key is written, an item of a list where the item begins.
// A value not written as such (the long form of a YAML short form, `!GetAtt A.B` being
// {"Fn::GetAtt": ["A", "B"]}, or the copy an alias makes) is at its nearest written parent.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cfn/json.hpp"

namespace infrac::cfn {

class Positions {
 public:
  // `pointer` as JsonPointer::to_string() spells it; the first offset given for it is kept.
  void add(std::string pointer, std::size_t offset) { offsets_.emplace(std::move(pointer), offset); }
  // The offset of the value at `pointer`, or of its nearest parent that has one (0 for none).
  std::size_t offset_of(const Json::json_pointer& pointer) const;
  void shift(std::size_t by);  // every offset moved on (past a byte-order mark)
  bool empty() const { return offsets_.empty(); }

 private:
  std::unordered_map<std::string, std::size_t> offsets_;
};

// "/" and the key escaped as a JSON pointer's reference token (`~` as `~0`, `/` as `~1`).
std::string pointer_token(std::string_view key);

// The positions of a JSON text that has been parsed without problems.
Positions json_positions(std::string_view text);

}  // namespace infrac::cfn
