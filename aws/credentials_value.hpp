#pragma once
// One set of AWS credentials, and where they came from (for messages, never the secret).
#include <chrono>
#include <optional>
#include <string>

namespace infrac::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
  std::string source;  // "environment", "profile default", "assume role ...", ...
};

}  // namespace infrac::aws
