#include "diff/align.hpp"

#include <array>
#include <map>
#include <string_view>

#include "cfn/equality.hpp"

namespace infrac::diff {
namespace {

// Fields that identify an item of a list of maps, most specific first.
constexpr std::array<std::string_view, 9> kKeyFields = {"Key", "Sid", "Name", "Id", "DeviceName", "ParameterKey",
                                                        "PolicyName", "ContainerPort", "Namespace"};

// The key field every item of both lists has, with distinct values in each list.
std::optional<std::string> common_key(const Json& a, const Json& b) {
  if (a.empty() && b.empty()) return std::nullopt;
  for (std::string_view field : kKeyFields) {
    bool usable = true;
    for (const Json* list : {&a, &b}) {
      std::map<std::string, int> seen;
      for (const auto& item : *list) {
        if (!item.is_object()) return std::nullopt;
        auto it = item.find(std::string(field));
        auto text = it == item.end() ? std::nullopt : cfn::scalar_text(*it);
        if (!text || seen[*text]++) {
          usable = false;
          break;
        }
      }
      if (!usable) break;
    }
    if (usable) return std::string(field);
  }
  return std::nullopt;
}

std::string key_of(const Json& item, const std::string& key) { return *cfn::scalar_text(item.at(key)); }

Alignment align_by_key(const Json& a, const Json& b, const std::string& key) {
  Alignment out;
  out.key = key;
  std::map<std::string, std::size_t> old_by_key;
  for (std::size_t i = 0; i < a.size(); ++i) old_by_key[key_of(a[i], key)] = i;
  std::map<std::string, std::size_t> new_by_key;
  for (std::size_t j = 0; j < b.size(); ++j) new_by_key[key_of(b[j], key)] = j;
  std::size_t next_old = 0;  // removed items are placed before the first new item that follows them
  auto flush_removed = [&](std::size_t up_to) {
    for (; next_old < up_to; ++next_old) {
      if (!new_by_key.count(key_of(a[next_old], key))) out.items.push_back({next_old, std::nullopt});
    }
  };
  for (std::size_t j = 0; j < b.size(); ++j) {
    auto it = old_by_key.find(key_of(b[j], key));
    if (it != old_by_key.end()) {
      flush_removed(it->second);
      out.items.push_back({it->second, j});
    } else {
      out.items.push_back({std::nullopt, j});
    }
  }
  flush_removed(a.size());
  return out;
}

// How alike two items are, 0..1: for maps the share of equal fields, else 1 when both are texts.
double similarity(const Json& x, const Json& y) {
  if (x.is_object() && y.is_object()) {
    std::size_t same = 0;
    for (auto it = x.begin(); it != x.end(); ++it) {
      auto other = y.find(it.key());
      if (other != y.end() && cfn::equal(it.value(), *other)) ++same;
    }
    std::size_t fields = std::max(x.size(), y.size());
    return fields ? static_cast<double>(same) / static_cast<double>(fields) : 1.0;
  }
  if (x.type() == y.type()) return 0.5;
  return 0.0;
}

// The items between two matches: paired positionally when the counts agree, else each old
// item with its most similar new one (at least half alike), the rest removed or added.
void pair_gap(const Json& a, const Json& b, std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1, Alignment& out) {
  std::size_t olds = i1 - i0;
  std::size_t news = j1 - j0;
  if (olds == news) {
    for (std::size_t k = 0; k < olds; ++k) out.items.push_back({i0 + k, j0 + k});
    return;
  }
  std::vector<std::optional<std::size_t>> partner(news);  // new item -> old item
  std::vector<bool> used(olds, false);
  for (std::size_t j = j0; j < j1; ++j) {
    double best = 0.5;
    std::optional<std::size_t> pick;
    for (std::size_t i = i0; i < i1; ++i) {
      if (used[i - i0]) continue;
      double s = similarity(a[i], b[j]);
      if (s >= best && (!pick || s > best)) {
        best = s;
        pick = i;
      }
    }
    if (pick) {
      used[*pick - i0] = true;
      partner[j - j0] = pick;
    }
  }
  std::size_t next_old = i0;
  for (std::size_t j = j0; j < j1; ++j) {
    if (auto i = partner[j - j0]) {
      for (; next_old < *i; ++next_old) {
        if (!used[next_old - i0]) out.items.push_back({next_old, std::nullopt});
      }
      out.items.push_back({*i, j});
    } else {
      out.items.push_back({std::nullopt, j});
    }
  }
  for (; next_old < i1; ++next_old) {
    if (!used[next_old - i0]) out.items.push_back({next_old, std::nullopt});
  }
}

// Longest common subsequence by dynamic programming; lists in templates are short, and
// past a size limit the lists are compared item by item instead.
Alignment align_by_lcs(const Json& a, const Json& b) {
  Alignment out;
  std::size_t n = a.size(), m = b.size();
  if (n * m > 4'000'000) {
    pair_gap(a, b, 0, n, 0, m, out);
    return out;
  }
  std::vector<std::vector<std::uint32_t>> len(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      len[i][j] = cfn::equal(a[i], b[j]) ? len[i + 1][j + 1] + 1 : std::max(len[i + 1][j], len[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0, gap_i = 0, gap_j = 0;
  while (i < n && j < m) {
    if (cfn::equal(a[i], b[j]) && len[i][j] == len[i + 1][j + 1] + 1) {
      pair_gap(a, b, gap_i, i, gap_j, j, out);
      out.items.push_back({i, j});
      gap_i = ++i;
      gap_j = ++j;
    } else if (len[i + 1][j] >= len[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  pair_gap(a, b, gap_i, n, gap_j, m, out);
  return out;
}

}  // namespace

Alignment align_lists(const Json& old_list, const Json& new_list) {
  if (auto key = common_key(old_list, new_list)) return align_by_key(old_list, new_list, *key);
  return align_by_lcs(old_list, new_list);
}

}  // namespace infrac::diff
