#include "aws/query.hpp"

#include <algorithm>

namespace infrac::aws {

std::string percent_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string encode_query(const std::string& action, const std::string& version, QueryParams params) {
  params.emplace_back("Action", action);
  params.emplace_back("Version", version);
  std::stable_sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string body;
  for (const auto& [key, value] : params) {
    if (!body.empty()) body += '&';
    body += percent_encode(key);
    body += '=';
    body += percent_encode(value);
  }
  return body;
}

void add_member_list(QueryParams& params, const std::string& name, const std::vector<std::string>& values,
                     bool empty_means_clear) {
  if (values.empty() && empty_means_clear) params.emplace_back(name, "");
  for (size_t i = 0; i < values.size(); ++i) params.emplace_back(name + ".member." + std::to_string(i + 1), values[i]);
}

}  // namespace infrac::aws
