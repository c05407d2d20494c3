#include "lsp/annotations.hpp"

#include <algorithm>
#include <stdexcept>

namespace infrac::test {

Annotations::Annotations(std::string_view marked) {
  std::vector<std::pair<std::string, std::uint32_t>> open;  // name, begin
  for (std::size_t i = 0; i < marked.size();) {
    std::string name;
    std::size_t j = i;
    if (marked[j] == '$') {
      ++j;
      while (j < marked.size() && (std::isalnum(static_cast<unsigned char>(marked[j])) || marked[j] == '_')) name.push_back(marked[j++]);
    }
    auto here = static_cast<std::uint32_t>(code_.size());
    if (marked.compare(j, 1, "^") == 0) {
      points_.emplace(name, here);
      i = j + 1;
    } else if (marked.compare(j, 2, "[[") == 0) {
      open.push_back({name, here});
      i = j + 2;
    } else if (marked.compare(i, 2, "]]") == 0 && !open.empty()) {
      ranges_.emplace(open.back().first, MarkedRange{open.back().second, here});
      open.pop_back();
      i += 2;
    } else {
      code_.push_back(marked[i++]);
    }
  }
  if (!open.empty()) throw std::invalid_argument("an unclosed [[ in the annotated source");
}

std::vector<std::uint32_t> Annotations::points(const std::string& name) const {
  std::vector<std::uint32_t> out;
  for (auto [it, end] = points_.equal_range(name); it != end; ++it) out.push_back(it->second);
  return out;
}

std::uint32_t Annotations::point(const std::string& name) const {
  auto all = points(name);
  if (all.size() != 1) throw std::invalid_argument("expected one point `" + name + "`");
  return all[0];
}

std::vector<MarkedRange> Annotations::ranges(const std::string& name) const {
  std::vector<MarkedRange> out;
  for (auto [it, end] = ranges_.equal_range(name); it != end; ++it) out.push_back(it->second);
  std::sort(out.begin(), out.end(), [](auto a, auto b) { return a.begin < b.begin; });
  return out;
}

MarkedRange Annotations::range(const std::string& name) const {
  auto all = ranges(name);
  if (all.size() != 1) throw std::invalid_argument("expected one range `" + name + "`");
  return all[0];
}

}  // namespace infrac::test
