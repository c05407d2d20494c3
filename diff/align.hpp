#pragma once
// Aligning two lists so that one inserted item is one change, not a rewritten
// list (rain compares by index; avoid that). Lists of maps with a key field are
// matched by it (Tags by Key, policy statements by Sid, ...); other lists by
// longest common subsequence under CloudFormation's equality, and the items
// left over between two matches are paired up (positionally when the counts are
// equal, otherwise by similarity) so that a changed item, say a script in a
// one-item list, is shown as a change of that item and not a delete plus an
// insert (terraform's LCS-only alignment hid exactly that, hashicorp/terraform#33779).
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::diff {

struct Aligned {
  std::optional<std::size_t> old_index;
  std::optional<std::size_t> new_index;
};

struct Alignment {
  std::vector<Aligned> items;  // in the new list's order, removed items where they were
  std::string key;             // the key field the items were matched by, if any ("Key", "Sid", ...)
};

Alignment align_lists(const Json& old_list, const Json& new_list);

}  // namespace infrac::diff
