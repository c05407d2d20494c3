#pragma once
// Keeps secrets out of everything infrac prints: --debug traces, messages, progress and
// reports. Secret values are registered as they become known (the credential chain
// registers what it resolves, deploy the NoEcho values it sends) and masked by the one
// rule of every output (cfn/secret_values.hpp: each byte a `*`, however short the value),
// also percent-encoded, as a Query request carries them. Patterns cover what is secret
// by its place and shown as `****` (the Authorization header, X-Amz-Security-Token,
// <SecretAccessKey> in STS answers, X-Amz-Signature in a query string).
#include <string>

#include "cfn/secret_values.hpp"

namespace infrac::aws {

class Redactor {
 public:
  void add_secret(const std::string& value);
  std::string redact(std::string text) const;

 private:
  cfn::SecretValues secrets_;
};

}  // namespace infrac::aws
