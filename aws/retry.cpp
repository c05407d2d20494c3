#include "aws/retry.hpp"

#include <algorithm>
#include <array>

namespace infrac::aws {

bool is_throttling(const AwsError& e) {
  static const std::array<const char*, 11> kCodes = {
      "Throttling",           "ThrottlingException",     "ThrottledException",       "RequestThrottledException",
      "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
      "RequestLimitExceeded", "BandwidthLimitExceeded",  "LimitExceededException",   "SlowDown"};
  if (e.kind != AwsError::Kind::Service) return false;
  if (e.http_status == 429) return true;
  return std::find(kCodes.begin(), kCodes.end(), e.code) != kCodes.end();
}

bool is_transient(const AwsError& e) {
  if (e.kind == AwsError::Kind::Transport) return true;
  if (e.kind != AwsError::Kind::Service) return false;
  if (e.code == "RequestTimeout" || e.code == "RequestTimeoutException" || e.code == "PriorRequestNotComplete" ||
      e.code == "InternalError" || e.code == "InternalFailure" || e.code == "ServiceUnavailable")
    return true;
  return e.http_status == 500 || e.http_status == 502 || e.http_status == 503 || e.http_status == 504;
}

bool is_retryable(const AwsError& e) { return is_throttling(e) || is_transient(e); }

std::chrono::milliseconds backoff_delay(const RetryPolicy& p, int attempt, double random) {
  double ceiling = static_cast<double>(p.base.count());
  for (int i = 1; i < attempt && ceiling < p.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<double>(p.cap.count()));
  return std::chrono::milliseconds(static_cast<long long>(std::clamp(random, 0.0, 1.0) * ceiling));
}

bool RetryBudget::take(const AwsError& error) {
  int cost = (error.kind == AwsError::Kind::Transport) ? policy_.timeout_cost : policy_.retry_cost;
  if (tokens_ < cost) return false;
  tokens_ -= cost;
  return true;
}

void RetryBudget::record_success() { tokens_ = std::min(policy_.budget, tokens_ + 1); }

}  // namespace infrac::aws
