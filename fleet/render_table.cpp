// render_table: one row per instance, columns padded to the widest cell.
#include <fmt/format.h>

#include <array>

#include "aws/time.hpp"
#include "fleet/duration.hpp"
#include "fleet/render.hpp"

namespace infrac::fleet {
namespace {

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

std::string render_table(const Inventory& inventory) {
  using Row = std::array<std::string, 10>;
  std::vector<Row> rows{{"STACK", "GROUP", "INSTANCE", "ZONE", "PRIVATE", "PUBLIC", "LAUNCHED", "AGE", "STATE", "HOST KEYS"}};
  for (const auto& i : inventory.instances) {
    rows.push_back({i.stack, or_dash(i.group_logical_id.empty() ? i.group : i.group_logical_id), i.id, or_dash(i.zone),
                    or_dash(i.private_ip), or_dash(i.public_ip), i.launch_time ? aws::format_iso8601(*i.launch_time) : "-",
                    i.age ? format_duration(*i.age) : "-", or_dash(i.lifecycle_state.empty() ? i.state : i.lifecycle_state),
                    key_status_name(i.key_status)});
  }
  std::array<size_t, 10> width{};
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < r.size(); ++c) line += c + 1 < r.size() ? fmt::format("{:<{}}  ", r[c], width[c]) : r[c];
    out += line + "\n";
  }
  if (inventory.instances.empty()) out += "(no instances)\n";
  return out;
}

}  // namespace infrac::fleet
