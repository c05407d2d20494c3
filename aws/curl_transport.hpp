#pragma once
// The real transport: one libcurl easy handle per request, signed by libcurl's
// built-in Signature Version 4 (CURLOPT_AWS_SIGV4) when the request has a
// signing scope. The session token goes in X-Amz-Security-Token, which libcurl
// signs with the other headers.
#include "aws/http.hpp"

namespace infrac::aws {

class CurlTransport : public Transport {
 public:
  CurlTransport();
  TransportResult send(const HttpRequest& request) override;
};

}  // namespace infrac::aws
