#pragma once
// Keeps secrets out of everything infrac prints: credentials, session tokens,
// signatures, Authorization headers and NoEcho parameter values are replaced
// by "****" in --debug traces, messages and logs. Secrets are registered as
// they become known (the credential chain registers what it resolves, deploy
// the NoEcho values); patterns cover what is secret by its place (the
// Authorization header, X-Amz-Security-Token, <SecretAccessKey> in STS answers,
// X-Amz-Signature in a query string).
#include <memory>
#include <set>
#include <string>

namespace infrac::aws {

class Redactor {
 public:
  void add_secret(const std::string& value);  // values shorter than 4 characters are not registered
  std::string redact(std::string text) const;

 private:
  std::set<std::string> secrets_;
};

}  // namespace infrac::aws
