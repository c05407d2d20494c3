#include "cfn/secret_values.hpp"

#include <algorithm>

#include "cfn/equality.hpp"

namespace infrac::cfn {

namespace {

// Longest first, so a value that holds another is masked whole.
bool masked_before(std::string_view a, std::string_view b) { return a.size() != b.size() ? a.size() > b.size() : a < b; }

// `value`, and each line of a value of several lines: output is often read line by line
// (a source line under a diagnostic, a line diff of a script), so each line of a secret
// is a secret of its own.
std::vector<std::string> values_to_mask(std::string_view value) {
  std::vector<std::string> out;
  if (value.empty()) return out;
  out.emplace_back(value);
  if (value.find('\n') == std::string_view::npos) return out;
  for (std::size_t begin = 0; begin < value.size();) {
    std::size_t end = std::min(value.find('\n', begin), value.size());
    if (end > begin) out.emplace_back(value.substr(begin, end - begin));
    begin = end + 1;
  }
  return out;
}

}  // namespace

SecretValues::SecretValues(const std::vector<std::string>& values) {
  for (const auto& v : values) {
    for (auto& piece : values_to_mask(v)) values_.push_back(std::move(piece));
  }
  std::sort(values_.begin(), values_.end(), masked_before);
  values_.erase(std::unique(values_.begin(), values_.end()), values_.end());
  longest_ = values_.empty() ? 0 : values_.front().size();
}

void SecretValues::add(std::string_view value) {
  for (auto& piece : values_to_mask(value)) {
    auto at = std::lower_bound(values_.begin(), values_.end(), piece, masked_before);
    if (at == values_.end() || *at != piece) values_.insert(at, std::move(piece));
  }
  longest_ = values_.empty() ? 0 : values_.front().size();
}

void SecretValues::mask_in_place(std::string& text) const {
  for (const auto& value : values_) {
    for (std::size_t at = text.find(value); at != std::string::npos; at = text.find(value, at + value.size())) {
      std::fill_n(text.begin() + static_cast<std::ptrdiff_t>(at), value.size(), '*');
    }
  }
}

std::string SecretValues::mask(std::string_view text) const {
  std::string out(text);
  mask_in_place(out);
  return out;
}

bool is_no_echo(const Json& parameter) {
  if (!parameter.is_object()) return false;
  auto it = parameter.find("NoEcho");
  return it != parameter.end() && equal(*it, Json(true));
}

std::vector<std::string> no_echo_defaults(const Json& template_body) {
  std::vector<std::string> out;
  if (!template_body.is_object()) return out;
  auto parameters = template_body.find("Parameters");
  if (parameters == template_body.end() || !parameters->is_object()) return out;
  for (const auto& parameter : *parameters) {
    if (!is_no_echo(parameter)) continue;
    auto value = parameter.find("Default");
    if (value == parameter.end()) continue;
    if (auto text = scalar_text(*value)) out.push_back(*text);
    if (value->is_array()) {
      for (const auto& item : *value) {
        if (auto text = scalar_text(item)) out.push_back(*text);
      }
    }
  }
  return out;
}

}  // namespace infrac::cfn
