#pragma once
// One AWS client for every service infrac speaks to: it picks the endpoint,
// gets credentials, signs (through the transport), sends, retries what is
// worth retrying within the budget, decodes the XML answer, and pages through
// list calls. Service operations (cloudformation.hpp, s3.hpp, ...) are thin
// functions over it.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "aws/credentials_value.hpp"
#include "aws/http.hpp"
#include "aws/outcome.hpp"
#include "aws/query.hpp"
#include "aws/redact.hpp"
#include "aws/retry.hpp"
#include "aws/runtime.hpp"
#include "aws/xml.hpp"

namespace infrac::aws {

using CredentialSource = std::function<Outcome<Credentials>()>;

struct ClientConfig {
  std::string region;
  std::string endpoint_url;  // --endpoint-url: every service at this URL (an emulator); else AWS_ENDPOINT_URL[_SERVICE]
  RetryPolicy retry;
  std::chrono::milliseconds timeout{60000};
  std::chrono::milliseconds connect_timeout{10000};
  int max_pages = 10000;  // a list call longer than this is an error (a service that never ends)
};

struct Service {
  const char* name;     // signing name and endpoint prefix: cloudformation, ec2, ...
  const char* version;  // Query API version
  const char* env_id;   // AWS_ENDPOINT_URL_<env_id>
};

inline constexpr Service kCloudFormation{"cloudformation", "2010-05-15", "CLOUDFORMATION"};
inline constexpr Service kSts{"sts", "2011-06-15", "STS"};
inline constexpr Service kEc2{"ec2", "2016-11-15", "EC2"};
inline constexpr Service kAutoScaling{"autoscaling", "2011-01-01", "AUTO_SCALING"};
inline constexpr Service kS3{"s3", "2006-03-01", "S3"};

class AwsClient {
 public:
  // `credentials` empty: requests go unsigned (STS AssumeRoleWithWebIdentity).
  AwsClient(ClientConfig config, std::shared_ptr<Transport> transport, Runtime runtime, CredentialSource credentials,
            std::shared_ptr<Redactor> redactor);

  // One Query API call (POST, form-encoded body), retried per the policy.
  Outcome<XmlAnswer> query(const Service& service, const std::string& action, const QueryParams& params);

  // A list call through every page: `token_path` is where the answer's next token is ("NextToken").
  Outcome<std::vector<XmlAnswer>> query_pages(const Service& service, const std::string& action, QueryParams params,
                                              const char* token_path = "NextToken");
  // The same, page by page: `each` gets every answer in turn and says whether to ask for the
  // next one (a list call that stops early). A service that gives the same token twice is
  // an error, and so is a list longer than ClientConfig::max_pages.
  Status query_each_page(const Service& service, const std::string& action, QueryParams params,
                         const std::function<bool(const XmlAnswer&)>& each, const char* token_path = "NextToken");

  // A REST call (S3): method, path under the service's endpoint, body; retried likewise.
  Outcome<HttpResponse> rest(const Service& service, const std::string& method, const std::string& bucket,
                             const std::string& key, const std::string& body, Headers headers = {});

  std::string endpoint(const Service& service) const;
  // The URL of an object, as CloudFormation's TemplateURL wants it.
  std::string object_url(const std::string& bucket, const std::string& key) const;
  const ClientConfig& config() const { return config_; }
  Runtime& runtime() { return runtime_; }
  Redactor& redactor() { return *redactor_; }
  int retry_tokens() const { return budget_.tokens(); }

 private:
  Outcome<HttpResponse> send_with_retries(HttpRequest request, const Service& service, const std::string& what);
  void trace(const std::string& line) const;

  ClientConfig config_;
  std::shared_ptr<Transport> transport_;
  Runtime runtime_;
  CredentialSource credentials_;
  std::shared_ptr<Redactor> redactor_;
  RetryBudget budget_;
};

}  // namespace infrac::aws
