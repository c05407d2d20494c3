#include "diagnostics/secret_mask.hpp"

#include <algorithm>

namespace infrac {

SecretMask::SecretMask(const std::vector<Span>& spans, const std::vector<std::string>& values) {
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
  for (const auto& v : values) {
    if (!v.empty()) values_.push_back(v);
  }
  // Longest first, so a value that holds another is masked whole; repeats go.
  std::sort(values_.begin(), values_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
  longest_ = values_.empty() ? 0 : values_.front().size();
}

void SecretMask::mask_values(std::string& text) const {
  for (const auto& value : values_) {
    for (std::size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + value.size())) {
      std::fill_n(text.begin() + static_cast<std::ptrdiff_t>(at), value.size(), '*');
    }
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
  mask_values(out);
  return out;
}

std::string SecretMask::text(std::string_view text) const {
  std::string out(text);
  mask_values(out);
  return out;
}

}  // namespace infrac
