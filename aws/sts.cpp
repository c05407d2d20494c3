#include "aws/sts.hpp"

#include "aws/time.hpp"

namespace infrac::aws {

Outcome<CallerIdentity> get_caller_identity(AwsClient& client) {
  auto answer = client.query(kSts, "GetCallerIdentity", {});
  if (!answer) return answer.error();
  return CallerIdentity{text_at(answer->result, "Account"), text_at(answer->result, "Arn"), text_at(answer->result, "UserId")};
}

Outcome<Credentials> assume_role(AwsClient& client, const AssumeRoleRequest& request) {
  bool web = !request.web_identity_token.empty();
  QueryParams params{{"RoleArn", request.role_arn}, {"RoleSessionName", request.session_name}};
  if (web) params.emplace_back("WebIdentityToken", request.web_identity_token);
  if (!web && !request.external_id.empty()) params.emplace_back("ExternalId", request.external_id);
  if (request.duration_seconds > 0) params.emplace_back("DurationSeconds", std::to_string(request.duration_seconds));
  const char* action = web ? "AssumeRoleWithWebIdentity" : "AssumeRole";
  auto answer = client.query(kSts, action, params);
  if (!answer) return answer.error();
  Credentials c;
  c.access_key_id = text_at(answer->result, "Credentials/AccessKeyId");
  c.secret_access_key = text_at(answer->result, "Credentials/SecretAccessKey");
  c.session_token = text_at(answer->result, "Credentials/SessionToken");
  c.expiration = parse_iso8601(text_at(answer->result, "Credentials/Expiration"));
  if (c.access_key_id.empty() || c.secret_access_key.empty()) {
    AwsError e;
    e.kind = AwsError::Kind::Protocol;
    e.code = "InvalidAnswer";
    e.message = std::string(action) + ": the answer has no Credentials";
    return e;
  }
  c.source = std::string(web ? "web identity role " : "role ") + request.role_arn;
  return c;
}

}  // namespace infrac::aws
