#pragma once
// STS: who am I, and the two ways of assuming a role the credential chain uses.
#include <string>

#include "aws/client.hpp"

namespace infrac::aws {

struct CallerIdentity {
  std::string account, arn, user_id;
};

Outcome<CallerIdentity> get_caller_identity(AwsClient& client);

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::string external_id;     // AssumeRole only
  std::string web_identity_token;  // AssumeRoleWithWebIdentity only
  int duration_seconds = 0;    // 0: STS's default
};

// AssumeRole (signed with the source credentials) or, when `web_identity_token` is set,
// AssumeRoleWithWebIdentity (unsigned: the client must have no credential source).
Outcome<Credentials> assume_role(AwsClient& client, const AssumeRoleRequest& request);

}  // namespace infrac::aws
