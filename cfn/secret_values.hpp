#pragma once
// The one rule between a secret value and any output: every occurrence of a secret
// value, however short, is printed as `*`, byte for byte. The compiler's SecretMask
// (source ranges and values, compiler/diagnostics/secret_mask.hpp) applies it to
// diagnostics, diff to its whole change model (diff/mask.hpp), and the AWS client's
// Redactor (aws/redact.hpp) to everything deploy, rebuild, import and the fleet print.
// Secrets are the values of NoEcho parameters (their defaults, wherever else they were
// written: a `let`, another property, a script; the values a deploy sends) and the
// credentials the AWS client resolves.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::cfn {

class SecretValues {
 public:
  SecretValues() = default;
  explicit SecretValues(const std::vector<std::string>& values);

  // One more secret value, for secrets that become known one by one (a deploy's).
  void add(std::string_view value);

  // `text` with every secret value made `*`.
  std::string mask(std::string_view text) const;
  void mask_in_place(std::string& text) const;
  // The longest secret value: how far past a window a value may reach into it.
  std::size_t longest() const { return longest_; }
  bool empty() const { return values_.empty(); }

 private:
  std::vector<std::string> values_;  // longest first, no repeats
  std::size_t longest_ = 0;
};

// A parameter CloudFormation masks (NoEcho true, or "true").
bool is_no_echo(const Json& parameter);

// The default values of the template's NoEcho parameters, as CloudFormation passes
// them on (10 as "10"; a list's items one by one).
std::vector<std::string> no_echo_defaults(const Json& template_body);

}  // namespace infrac::cfn
