#pragma once
// Source text with marked places, as clangd's Annotations: `^` is a point, `[[...]]` a
// range, and `$name^` / `$name[[...]]` name them. The markers are removed from code().
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::test {

struct MarkedRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const MarkedRange&, const MarkedRange&) = default;
};

class Annotations {
 public:
  explicit Annotations(std::string_view marked);
  const std::string& code() const { return code_; }
  std::uint32_t point(const std::string& name = "") const;
  std::vector<std::uint32_t> points(const std::string& name = "") const;
  MarkedRange range(const std::string& name = "") const;
  std::vector<MarkedRange> ranges(const std::string& name = "") const;

 private:
  std::string code_;
  std::multimap<std::string, std::uint32_t> points_;
  std::multimap<std::string, MarkedRange> ranges_;
};

}  // namespace infrac::test
