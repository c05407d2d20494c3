#pragma once
// The one masking rule between a secret and any output: every byte of a source
// range marked secret, and every occurrence of a secret value (cfn/secret_values.hpp,
// the rule diff and deploy output share), is printed as `*`. Text diagnostics, notes
// and JSON diagnostics go through it: a no_echo default reaches no output, wherever
// it was written (in the parameter, in a `let` it names, in an imported file).
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cfn/secret_values.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

class SecretMask {
 public:
  SecretMask() = default;
  SecretMask(const std::vector<Span>& spans, const std::vector<std::string>& values = {});  // NOLINT: implicit on purpose
  static SecretMask of(const Diagnostics& diagnostics) {
    return SecretMask(diagnostics.secrets(), diagnostics.secret_values());
  }

  // `text` is the part of `file` that starts at byte `begin`; secrets become `*`.
  std::string source(std::string_view text, FileId file, std::uint32_t begin) const;
  // Any other text: every secret value becomes `*`.
  std::string text(std::string_view text) const;
  // The longest secret value: how far past a window a value may reach into it.
  std::size_t longest_value() const { return values_.longest(); }
  bool empty() const { return spans_.empty() && values_.empty(); }

 private:
  std::map<FileId, std::vector<std::pair<std::uint32_t, std::uint32_t>>> spans_;  // sorted, merged
  cfn::SecretValues values_;
};

}  // namespace infrac
