#pragma once
// A transport that answers from a script and records what was sent.
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "aws/http.hpp"

namespace infrac::aws::testing {

class ScriptedTransport : public Transport {
 public:
  // Answers in order; past the end, `fallback` (default: HTTP 404).
  std::deque<TransportResult> answers;
  std::function<TransportResult(const HttpRequest&)> fallback;
  std::vector<HttpRequest> sent;

  TransportResult send(const HttpRequest& request) override {
    sent.push_back(request);
    if (!answers.empty()) {
      TransportResult r = answers.front();
      answers.pop_front();
      return r;
    }
    if (fallback) return fallback(request);
    return reply(404, "");
  }

  static TransportResult reply(int status, std::string body) {
    TransportResult r;
    r.response = HttpResponse{status, {}, std::move(body)};
    return r;
  }
  static TransportResult dropped() {
    TransportResult r;
    r.failure.message = "Connection reset by peer";
    return r;
  }
};

}  // namespace infrac::aws::testing
