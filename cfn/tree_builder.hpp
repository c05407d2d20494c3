#pragma once
// Builds a Json value from parser events (nlohmann's SAX for JSON, yaml-cpp's
// events for YAML), enforcing the load limits on the way. Keys are appended
// directly, with a hash set per object for duplicates: ordered_json's own
// insertion searches linearly, which a hostile object of a million keys would
// turn into a hang.
#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "cfn/load.hpp"
#include "cfn/positions.hpp"

namespace infrac::cfn::detail {

class TreeBuilder {
 public:
  // With `positions`, where each key and list item is written is recorded there.
  explicit TreeBuilder(const LoadLimits& limits, Positions* positions = nullptr) : limits_(limits), positions_(positions) {}

  // Each returns false when the document must be abandoned (a limit was passed);
  // problems() then says why.
  bool open(Json container, std::size_t offset);
  bool key(std::string key, std::size_t offset);
  bool value(Json value, std::size_t offset, std::size_t nodes = 1);
  Json close();  // the innermost open container, removed; the caller passes it to value()
  // With positions: the value about to be placed is the long form `{key: ...}` of what is
  // written at `offset` (a YAML short form, `!Sub ...`), so `key` is placed there too.
  void long_form_at(const std::string& key, std::size_t offset);

  bool expects_key() const { return !frames_.empty() && frames_.back().value.is_object() && !frames_.back().has_key; }
  bool done() const { return root_set_ && frames_.empty(); }
  Json take_root() { return std::move(root_); }
  std::vector<LoadProblem>& problems() { return problems_; }

 private:
  struct Frame {
    Json value;
    std::unordered_map<std::string, std::size_t> keys;  // key -> offset of its first appearance
    std::string key;
    Positions::Place place = Positions::kRoot;   // kept only with positions
    Positions::Place member = Positions::kRoot;  // a map's current member, with positions
    bool has_key = false;
    bool skip_value = false;  // the value of a duplicate key is dropped
  };
  const LoadLimits& limits_;
  Positions* positions_;
  std::vector<Frame> frames_;
  Json root_;
  bool root_set_ = false;
  std::size_t nodes_ = 0;
  std::vector<LoadProblem> problems_;

  // With positions: the place of the value about to be placed in the innermost container,
  // a list item's written at `offset` (a member's was recorded at its key).
  Positions::Place child_place(std::size_t offset = Positions::kNone);
};

// The number of values in `value` (itself included), counting at most `limit`.
std::size_t count_nodes(const Json& value, std::size_t limit);

}  // namespace infrac::cfn::detail
