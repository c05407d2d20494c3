#pragma once
// The transport: plain request and response values, and the interface that
// sends one. The libcurl transport signs with CURLOPT_AWS_SIGV4; tests may put
// anything behind the interface. Credentials ride on the request so that the
// signer is the transport's business alone.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws/credentials_value.hpp"

namespace infrac::aws {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Signature Version 4 scope for one request; absent = send unsigned (metadata services, web identity).
struct SigningScope {
  std::string region;
  std::string service;  // cloudformation, s3, sts, ec2, autoscaling
  Credentials credentials;
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;
  std::optional<SigningScope> signing;
  std::chrono::milliseconds timeout{30000};          // whole request
  std::chrono::milliseconds connect_timeout{5000};
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names in lower case
  std::string body;
  std::optional<std::string> header(const std::string& lower_name) const;
};

// A transfer that produced no HTTP answer: what happened, and whether it timed out.
struct TransportFailure {
  std::string message;
  bool timed_out = false;
};

struct TransportResult {
  std::optional<HttpResponse> response;  // absent: `failure` says why
  TransportFailure failure;
};

class Transport {
 public:
  virtual ~Transport() = default;
  virtual TransportResult send(const HttpRequest& request) = 0;
};

}  // namespace infrac::aws
