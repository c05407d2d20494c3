#pragma once
// The credential chain, in the AWS CLI's order, as an ordered list of providers.
// Each provider answers with credentials, "not here, because ...", or an error;
// half-configured credentials (a key id without its secret, a role without a
// source) are an error, not a reason to try the next one. When nothing is found,
// the error lists every provider's reason, not just the last one's.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/ini.hpp"

namespace infrac::aws {

struct ProviderAnswer {
  enum class Kind { Found, NotHere, Error };
  Kind kind = Kind::NotHere;
  Credentials credentials;
  std::string reason;  // NotHere: why not; Error: what is wrong

  static ProviderAnswer found(Credentials c) { return {Kind::Found, std::move(c), ""}; }
  static ProviderAnswer not_here(std::string why) { return {Kind::NotHere, {}, std::move(why)}; }
  static ProviderAnswer error(std::string what) { return {Kind::Error, {}, std::move(what)}; }
};

struct CredentialProvider {
  std::string name;
  std::function<ProviderAnswer()> resolve;
};

// What the providers need: the environment and clock (runtime), the network (for
// STS, the container endpoint and instance metadata), and the command line's choices.
struct CredentialContext {
  Runtime runtime;
  std::shared_ptr<Transport> transport;
  std::shared_ptr<Redactor> redactor;
  std::string profile;       // --profile; empty: AWS_PROFILE, else "default"
  std::string region;        // for STS calls (empty: us-east-1)
  std::string endpoint_url;  // --endpoint-url, for STS calls too
};

// The shared files as the selected profile sees them.
struct SharedConfig {
  ProfileFile config;       // AWS_CONFIG_FILE or ~/.aws/config
  ProfileFile credentials;  // AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
  std::string profile;      // the selected profile's name
  bool profile_explicit = false;  // named by --profile or AWS_PROFILE
  std::string config_path, credentials_path;

  const Profile* in_config(const std::string& name) const;
  const Profile* in_credentials(const std::string& name) const;
  std::string setting(const std::string& name, const std::string& key) const;  // config, then credentials
};

SharedConfig load_shared_config(const CredentialContext& context);

// Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`; "" when none.
std::string resolve_region(const std::string& flag, const Runtime& runtime, const SharedConfig& shared);

// environment, assume role, web identity, shared credentials file, credential_process,
// config file, ECS container, EC2 instance metadata (IMDSv2). With --profile the
// environment's keys are not used (as the AWS CLI does).
std::vector<CredentialProvider> default_chain(const CredentialContext& context);

Outcome<Credentials> resolve_chain(const std::vector<CredentialProvider>& chain);

// Keeps credentials until they are about to expire, in two windows: from 15 minutes
// before expiry a refresh is tried and its failure ignored (the old ones still work);
// from 10 minutes before, the refresh must succeed.
CredentialSource cached(CredentialSource inner, Runtime runtime);

// Credentials from a JSON document (ECS, instance metadata, credential_process):
// AccessKeyId, SecretAccessKey, Token or SessionToken, Expiration.
ProviderAnswer credentials_from_json(const std::string& text, const std::string& source);

// One provider each (credential_providers*.cpp).
CredentialProvider environment_provider(const CredentialContext& context);
CredentialProvider assume_role_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared);
CredentialProvider web_identity_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared);
CredentialProvider shared_credentials_provider(std::shared_ptr<const SharedConfig> shared);
CredentialProvider process_provider(std::shared_ptr<const SharedConfig> shared);
CredentialProvider config_file_provider(std::shared_ptr<const SharedConfig> shared);
CredentialProvider container_provider(const CredentialContext& context);
CredentialProvider instance_metadata_provider(const CredentialContext& context, std::shared_ptr<const SharedConfig> shared);

}  // namespace infrac::aws
