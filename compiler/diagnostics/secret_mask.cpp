#include "diagnostics/secret_mask.hpp"

#include <algorithm>

namespace infrac {

SecretMask::SecretMask(const std::vector<Span>& spans, const std::vector<std::string>& values) : values_(values) {
  for (const Span& s : spans) {
    if (s.end > s.begin) spans_[s.file].emplace_back(s.begin, s.end);
  }
  for (auto& [file, ranges] : spans_) {
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
    for (const auto& r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    ranges = std::move(merged);
  }
}

std::string SecretMask::source(std::string_view text, FileId file, std::uint32_t begin) const {
  std::string out(text);
  if (auto it = spans_.find(file); it != spans_.end()) {
    const auto& ranges = it->second;
    auto end = static_cast<std::uint32_t>(begin + text.size());
    // The first range that ends after `begin`; ranges are disjoint and sorted.
    auto r = std::upper_bound(ranges.begin(), ranges.end(), begin,
                              [](std::uint32_t offset, const auto& range) { return offset < range.second; });
    for (; r != ranges.end() && r->first < end; ++r) {
      std::uint32_t from = std::max(r->first, begin), to = std::min(r->second, end);
      std::fill(out.begin() + (from - begin), out.begin() + (to - begin), '*');
    }
  }
  values_.mask_in_place(out);
  return out;
}

std::string SecretMask::text(std::string_view text) const { return values_.mask(text); }

}  // namespace infrac
