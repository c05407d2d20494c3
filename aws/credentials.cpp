#include "aws/credentials.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "aws/time.hpp"

namespace infrac::aws {
namespace {

std::string env(const Runtime& r, const char* name) {
  if (!r.getenv) return "";
  return r.getenv(name).value_or("");
}

std::string home_file(const Runtime& r, const char* override_var, const char* relative) {
  if (std::string v = env(r, override_var); !v.empty()) return v;
  return env(r, "HOME") + "/.aws/" + relative;
}

// Static keys from one profile section; NotHere when it has none, Error when half of them.
ProviderAnswer keys_from_profile(const Profile* p, const std::string& where) {
  if (!p) return ProviderAnswer::not_here(where + " has no such profile");
  auto get = [&](const char* k) {
    auto it = p->find(k);
    return it == p->end() ? std::string() : it->second;
  };
  std::string id = get("aws_access_key_id"), secret = get("aws_secret_access_key");
  if (id.empty() && secret.empty()) return ProviderAnswer::not_here(where + " has no aws_access_key_id");
  if (id.empty() || secret.empty())
    return ProviderAnswer::error(fmt::format("{} has {} but not {}", where,
                                             id.empty() ? "aws_secret_access_key" : "aws_access_key_id",
                                             id.empty() ? "aws_access_key_id" : "aws_secret_access_key"));
  std::string token = get("aws_session_token");
  if (token.empty()) token = get("aws_security_token");
  return ProviderAnswer::found({id, secret, token, std::nullopt, where});
}

}  // namespace

const Profile* SharedConfig::in_config(const std::string& name) const {
  auto it = config.find(name);
  return it == config.end() ? nullptr : &it->second;
}

const Profile* SharedConfig::in_credentials(const std::string& name) const {
  auto it = credentials.find(name);
  return it == credentials.end() ? nullptr : &it->second;
}

std::string SharedConfig::setting(const std::string& name, const std::string& key) const {
  for (const Profile* p : {in_config(name), in_credentials(name)}) {
    if (!p) continue;
    if (auto it = p->find(key); it != p->end()) return it->second;
  }
  return "";
}

SharedConfig load_shared_config(const CredentialContext& context) {
  const Runtime& r = context.runtime;
  SharedConfig s;
  s.config_path = home_file(r, "AWS_CONFIG_FILE", "config");
  s.credentials_path = home_file(r, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  if (auto text = read_text_file(s.config_path)) s.config = parse_profile_file(*text, true);
  if (auto text = read_text_file(s.credentials_path)) s.credentials = parse_profile_file(*text, false);
  s.profile = context.profile;
  if (s.profile.empty()) s.profile = env(r, "AWS_PROFILE");
  if (s.profile.empty()) s.profile = env(r, "AWS_DEFAULT_PROFILE");
  s.profile_explicit = !s.profile.empty();
  if (s.profile.empty()) s.profile = "default";
  return s;
}

std::string resolve_region(const std::string& flag, const Runtime& runtime, const SharedConfig& shared) {
  if (!flag.empty()) return flag;
  if (std::string v = env(runtime, "AWS_REGION"); !v.empty()) return v;
  if (std::string v = env(runtime, "AWS_DEFAULT_REGION"); !v.empty()) return v;
  return shared.setting(shared.profile, "region");
}

ProviderAnswer credentials_from_json(const std::string& text, const std::string& source) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return ProviderAnswer::error(source + " did not answer with a JSON object");
  auto str = [&](const char* key) {
    auto it = doc.find(key);
    return (it != doc.end() && it->is_string()) ? it->get<std::string>() : std::string();
  };
  Credentials c;
  c.access_key_id = str("AccessKeyId");
  c.secret_access_key = str("SecretAccessKey");
  c.session_token = str("Token");
  if (c.session_token.empty()) c.session_token = str("SessionToken");
  c.source = source;
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return ProviderAnswer::error(source + " answered without AccessKeyId and SecretAccessKey");
  if (std::string exp = str("Expiration"); !exp.empty()) {
    c.expiration = parse_iso8601(exp);
    if (!c.expiration) return ProviderAnswer::error(fmt::format("{} gave an unreadable Expiration `{}`", source, exp));
  }
  return ProviderAnswer::found(std::move(c));
}

CredentialProvider environment_provider(const CredentialContext& context) {
  Runtime r = context.runtime;
  bool skip = !context.profile.empty();
  return {"environment", [r, skip] {
            if (skip) return ProviderAnswer::not_here("not used: --profile names a profile");
            std::string id = env(r, "AWS_ACCESS_KEY_ID"), secret = env(r, "AWS_SECRET_ACCESS_KEY");
            if (id.empty() && secret.empty()) return ProviderAnswer::not_here("AWS_ACCESS_KEY_ID is not set");
            if (id.empty()) return ProviderAnswer::error("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
            if (secret.empty()) return ProviderAnswer::error("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
            std::string token = env(r, "AWS_SESSION_TOKEN");
            if (token.empty()) token = env(r, "AWS_SECURITY_TOKEN");
            return ProviderAnswer::found({id, secret, token, std::nullopt, "environment"});
          }};
}

CredentialProvider shared_credentials_provider(std::shared_ptr<const SharedConfig> shared) {
  return {"shared credentials file", [shared] {
            return keys_from_profile(shared->in_credentials(shared->profile),
                                     fmt::format("{} [{}]", shared->credentials_path, shared->profile));
          }};
}

CredentialProvider config_file_provider(std::shared_ptr<const SharedConfig> shared) {
  return {"config file", [shared] {
            return keys_from_profile(shared->in_config(shared->profile),
                                     fmt::format("{} [profile {}]", shared->config_path, shared->profile));
          }};
}

CredentialProvider process_provider(std::shared_ptr<const SharedConfig> shared) {
  return {"credential_process", [shared] {
            std::string command = shared->setting(shared->profile, "credential_process");
            if (command.empty()) return ProviderAnswer::not_here(fmt::format("profile {} has no credential_process", shared->profile));
            std::string source = fmt::format("credential_process of profile {}", shared->profile);
            FILE* pipe = ::popen(command.c_str(), "r");
            if (!pipe) return ProviderAnswer::error(source + " could not be started");
            std::string output;
            char buffer[4096];
            size_t n;
            while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0 && output.size() < (1 << 20)) output.append(buffer, n);
            int status = ::pclose(pipe);
            if (status != 0) return ProviderAnswer::error(fmt::format("{} failed (status {})", source, status));
            nlohmann::json doc = nlohmann::json::parse(output, nullptr, false);
            if (!doc.is_object() || doc.value("Version", 0) != 1)
              return ProviderAnswer::error(source + " must print a JSON object with \"Version\": 1");
            return credentials_from_json(output, source);
          }};
}

std::vector<CredentialProvider> default_chain(const CredentialContext& context) {
  auto shared = std::make_shared<const SharedConfig>(load_shared_config(context));
  std::vector<CredentialProvider> chain;
  chain.push_back(environment_provider(context));
  if (shared->profile_explicit && !shared->in_config(shared->profile) && !shared->in_credentials(shared->profile)) {
    std::string profile = shared->profile, files = shared->config_path + " and " + shared->credentials_path;
    chain.push_back({"profile", [profile, files] {
                       return ProviderAnswer::error(fmt::format("the profile `{}` is in neither {}", profile, files));
                     }});
    return chain;
  }
  chain.push_back(assume_role_provider(context, shared));
  chain.push_back(web_identity_provider(context, shared));
  chain.push_back(shared_credentials_provider(shared));
  chain.push_back(process_provider(shared));
  chain.push_back(config_file_provider(shared));
  chain.push_back(container_provider(context));
  chain.push_back(instance_metadata_provider(context, shared));
  return chain;
}

Outcome<Credentials> resolve_chain(const std::vector<CredentialProvider>& chain) {
  std::string reasons;
  for (const auto& provider : chain) {
    ProviderAnswer answer = provider.resolve();
    if (answer.kind == ProviderAnswer::Kind::Found) return answer.credentials;
    AwsError e;
    e.kind = AwsError::Kind::Credentials;
    e.code = "NoCredentials";
    if (answer.kind == ProviderAnswer::Kind::Error) {
      e.code = "InvalidCredentials";
      e.message = fmt::format("credentials ({}): {}", provider.name, answer.reason);
      return e;
    }
    reasons += fmt::format("\n  {}: {}", provider.name, answer.reason);
  }
  AwsError e;
  e.kind = AwsError::Kind::Credentials;
  e.code = "NoCredentials";
  e.message = "no AWS credentials found; where infrac looked:" + reasons;
  return e;
}

CredentialSource cached(CredentialSource inner, Runtime runtime) {
  auto current = std::make_shared<std::optional<Credentials>>();
  return [inner = std::move(inner), runtime = std::move(runtime), current]() -> Outcome<Credentials> {
    using namespace std::chrono_literals;
    if (*current) {
      const auto& exp = (*current)->expiration;
      if (!exp) return **current;
      auto left = *exp - runtime.now();
      if (left > 15min) return **current;
      if (left > 10min) {  // advisory window: refresh if possible, else keep going with what we have
        Outcome<Credentials> fresh = inner();
        if (fresh) *current = *fresh;
        return **current;
      }
    }
    Outcome<Credentials> fresh = inner();  // mandatory: none yet, or about to expire
    if (!fresh) return fresh;
    *current = *fresh;
    return *fresh;
  };
}

}  // namespace infrac::aws
