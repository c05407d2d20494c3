// The providers that ask a service: STS (assume role, web identity), the ECS
// container endpoint and the EC2 instance metadata service (IMDSv2).
#include <fmt/format.h>

#include "aws/credentials.hpp"
#include "aws/sts.hpp"
#include "aws/xml.hpp"
#include "io/number.hpp"

namespace infrac::aws {
namespace {

std::string env(const Runtime& r, const char* name) {
  if (!r.getenv) return "";
  return r.getenv(name).value_or("");
}

std::string session_name(const Runtime& r, const std::string& configured) {
  if (!configured.empty()) return configured;
  return fmt::format("infrac-{}", std::chrono::duration_cast<std::chrono::seconds>(r.now().time_since_epoch()).count());
}

// A client for STS with the given credentials (or none: unsigned), sharing the transport.
AwsClient sts_client(const CredentialContext& c, CredentialSource credentials) {
  ClientConfig config;
  config.region = c.region.empty() ? "us-east-1" : c.region;
  config.endpoint_url = c.endpoint_url;
  config.retry.max_attempts = 3;
  return AwsClient(config, c.transport, c.runtime, std::move(credentials), c.redactor);
}

ProviderAnswer from_outcome(const Outcome<Credentials>& o, const std::string& what) {
  if (o) return ProviderAnswer::found(*o);
  return ProviderAnswer::error(what + ": " + o.error().describe());
}

// The credentials a role's source_profile stands for: its own role (chained, at most 5 deep) or its keys.
Outcome<Credentials> profile_credentials(const CredentialContext& c, const SharedConfig& s, const std::string& name, int depth);

Outcome<Credentials> role_credentials(const CredentialContext& c, const SharedConfig& s, const std::string& name, int depth) {
  AwsError e;
  e.kind = AwsError::Kind::Credentials;
  e.code = "InvalidCredentials";
  if (depth > 5) {
    e.message = fmt::format("profile {}: role chain deeper than 5 (source_profile cycle?)", name);
    return e;
  }
  std::string role = s.setting(name, "role_arn");
  std::string source_profile = s.setting(name, "source_profile");
  std::string credential_source = s.setting(name, "credential_source");
  Outcome<Credentials> source = e;
  if (!source_profile.empty() && !credential_source.empty()) {
    e.message = fmt::format("profile {} has both source_profile and credential_source", name);
    return e;
  } else if (!source_profile.empty()) {
    if (!s.in_config(source_profile) && !s.in_credentials(source_profile)) {
      e.message = fmt::format("profile {}: its source_profile `{}` does not exist", name, source_profile);
      return e;
    }
    source = source_profile == name ? profile_credentials(c, s, name, depth + 1)
                                    : profile_credentials(c, s, source_profile, depth + 1);
  } else if (credential_source == "Environment") {
    ProviderAnswer a = environment_provider(CredentialContext{c.runtime, c.transport, c.redactor, "", c.region, c.endpoint_url}).resolve();
    if (a.kind != ProviderAnswer::Kind::Found) {
      e.message = fmt::format("profile {}: credential_source Environment: {}", name, a.reason);
      return e;
    }
    source = a.credentials;
  } else if (credential_source == "EcsContainer" || credential_source == "Ec2InstanceMetadata") {
    auto shared = std::make_shared<const SharedConfig>(s);
    ProviderAnswer a = credential_source == "EcsContainer" ? container_provider(c).resolve()
                                                           : instance_metadata_provider(c, shared).resolve();
    if (a.kind != ProviderAnswer::Kind::Found) {
      e.message = fmt::format("profile {}: credential_source {}: {}", name, credential_source, a.reason);
      return e;
    }
    source = a.credentials;
  } else {
    e.message = fmt::format("profile {} has role_arn `{}` but no source_profile or credential_source{}", name, role,
                            credential_source.empty() ? "" : fmt::format(" (unknown credential_source `{}`)", credential_source));
    return e;
  }
  if (!source) return source;
  Credentials from = *source;
  AwsClient client = sts_client(c, [from]() -> Outcome<Credentials> { return from; });
  AssumeRoleRequest request{role, session_name(c.runtime, s.setting(name, "role_session_name")),
                            s.setting(name, "external_id"), "", 0};
  if (std::string d = s.setting(name, "duration_seconds"); !d.empty()) {
    // STS's own range for a role session (the role's maximum may be lower: STS then says so).
    constexpr int kMin = 900, kMax = 43200;
    auto seconds = io::parse_integer<int>(d, kMin, kMax);
    if (!seconds) {
      e.message = fmt::format("profile {}: duration_seconds `{}` is not a whole number of seconds from {} to {}", name,
                              excerpt(d), kMin, kMax);
      return e;
    }
    request.duration_seconds = *seconds;
  }
  return assume_role(client, request);
}

Outcome<Credentials> profile_credentials(const CredentialContext& c, const SharedConfig& s, const std::string& name, int depth) {
  // A source profile with its own keys uses them (even with a role_arn, when it names itself).
  bool self = s.setting(name, "source_profile") == name;
  if (s.setting(name, "role_arn").empty() || (self && depth > 0)) {
    for (const Profile* p : {s.in_credentials(name), s.in_config(name)}) {
      if (!p) continue;
      auto id = p->find("aws_access_key_id");
      auto secret = p->find("aws_secret_access_key");
      if (id != p->end() && secret != p->end()) {
        auto token = p->find("aws_session_token");
        return Credentials{id->second, secret->second, token == p->end() ? "" : token->second, std::nullopt,
                           "profile " + name};
      }
    }
    AwsError e;
    e.kind = AwsError::Kind::Credentials;
    e.code = "InvalidCredentials";
    e.message = fmt::format("profile {} has no aws_access_key_id and aws_secret_access_key", name);
    return e;
  }
  return role_credentials(c, s, name, depth);
}

// GET (or PUT) on a metadata-style endpoint: a short timeout, no signing, no retries beyond one.
TransportResult fetch(Transport& t, const std::string& method, const std::string& url, Headers headers) {
  HttpRequest r;
  r.method = method;
  r.url = url;
  r.headers = std::move(headers);
  r.timeout = std::chrono::milliseconds(2000);
  r.connect_timeout = std::chrono::milliseconds(1000);
  return t.send(r);
}

}  // namespace

CredentialProvider assume_role_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared) {
  return {"assume role", [context, shared] {
            const std::string& name = shared->profile;
            if (shared->setting(name, "role_arn").empty()) return ProviderAnswer::not_here(fmt::format("profile {} has no role_arn", name));
            if (!shared->setting(name, "web_identity_token_file").empty())
              return ProviderAnswer::not_here(fmt::format("profile {} uses web_identity_token_file", name));
            return from_outcome(role_credentials(context, *shared, name, 0),
                                fmt::format("assuming role {} for profile {}", shared->setting(name, "role_arn"), name));
          }};
}

CredentialProvider web_identity_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared) {
  return {"web identity", [context, shared] {
            const Runtime& r = context.runtime;
            std::string token_file = env(r, "AWS_WEB_IDENTITY_TOKEN_FILE"), role = env(r, "AWS_ROLE_ARN");
            std::string name = env(r, "AWS_ROLE_SESSION_NAME");
            if (token_file.empty() && role.empty()) {
              token_file = shared->setting(shared->profile, "web_identity_token_file");
              role = shared->setting(shared->profile, "role_arn");
              name = shared->setting(shared->profile, "role_session_name");
              if (token_file.empty()) return ProviderAnswer::not_here("AWS_WEB_IDENTITY_TOKEN_FILE is not set");
            }
            if (token_file.empty()) return ProviderAnswer::error("AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not");
            if (role.empty()) return ProviderAnswer::error("a web identity token file is set but no role ARN (AWS_ROLE_ARN)");
            auto token = read_text_file(token_file);
            if (!token) return ProviderAnswer::error(fmt::format("cannot read the web identity token file {}", token_file));
            while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) token->pop_back();
            if (token->empty()) return ProviderAnswer::error(fmt::format("the web identity token file {} is empty", token_file));
            context.redactor->add_secret(*token);
            AwsClient client = sts_client(context, nullptr);
            return from_outcome(assume_role(client, {role, session_name(r, name), "", *token, 0}),
                                fmt::format("assuming role {} with a web identity", role));
          }};
}

CredentialProvider container_provider(const CredentialContext& context) {
  return {"container (ECS)", [context] {
            const Runtime& r = context.runtime;
            std::string relative = env(r, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
            std::string full = env(r, "AWS_CONTAINER_CREDENTIALS_FULL_URI");
            std::string url = !relative.empty() ? "http://169.254.170.2" + relative : full;
            if (url.empty()) return ProviderAnswer::not_here("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
            Headers headers;
            std::string token = env(r, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
            if (std::string file = env(r, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) {
              auto text = read_text_file(file);
              if (!text) return ProviderAnswer::error("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + file);
              token = *text;
              while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
            }
            if (!token.empty()) {
              context.redactor->add_secret(token);
              headers.emplace_back("Authorization", token);
            }
            TransportResult got = fetch(*context.transport, "GET", url, headers);
            if (!got.response) return ProviderAnswer::error(fmt::format("the container endpoint {} did not answer: {}", url, got.failure.message));
            if (got.response->status != 200)
              return ProviderAnswer::error(fmt::format("the container endpoint {} answered HTTP {}", url, got.response->status));
            return credentials_from_json(got.response->body, "container endpoint " + url);
          }};
}

CredentialProvider instance_metadata_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared) {
  return {"instance metadata (IMDSv2)", [context, shared] {
            const Runtime& r = context.runtime;
            std::string disabled = env(r, "AWS_EC2_METADATA_DISABLED");
            for (auto& ch : disabled) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (disabled == "true") return ProviderAnswer::not_here("AWS_EC2_METADATA_DISABLED is true");
            std::string base = env(r, "AWS_EC2_METADATA_SERVICE_ENDPOINT");
            if (base.empty()) base = shared->setting(shared->profile, "ec2_metadata_service_endpoint");
            if (base.empty()) base = "http://169.254.169.254";
            while (!base.empty() && base.back() == '/') base.pop_back();
            TransportResult token = fetch(*context.transport, "PUT", base + "/latest/api/token",
                                          {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}});
            if (!token.response) return ProviderAnswer::not_here(fmt::format("no metadata service at {} ({})", base, token.failure.message));
            if (token.response->status != 200)
              return ProviderAnswer::not_here(fmt::format("the metadata service at {} gave no IMDSv2 token (HTTP {})", base, token.response->status));
            context.redactor->add_secret(token.response->body);
            Headers auth{{"X-aws-ec2-metadata-token", token.response->body}};
            std::string path = base + "/latest/meta-data/iam/security-credentials/";
            TransportResult role = fetch(*context.transport, "GET", path, auth);
            if (!role.response || role.response->status != 200)
              return ProviderAnswer::not_here("this instance has no instance profile (no role at " + path + ")");
            std::string name = role.response->body.substr(0, role.response->body.find('\n'));
            TransportResult creds = fetch(*context.transport, "GET", path + name, auth);
            if (!creds.response || creds.response->status != 200)
              return ProviderAnswer::error(fmt::format("the metadata service did not give the credentials of role {}", name));
            return credentials_from_json(creds.response->body, "instance metadata role " + name);
          }};
}

}  // namespace infrac::aws
