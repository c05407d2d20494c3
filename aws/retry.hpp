#pragma once
// When to try a request again, and how long to wait first (botocore's standard
// mode): separate checks for transient failures (no answer, 500/502/503/504),
// throttling codes, and errors the operation marks retryable; exponential
// backoff with full jitter, capped; and a retry budget shared by every request
// of a client, so that a failing endpoint is not hammered without limit.
#include <chrono>
#include <string>

#include "aws/outcome.hpp"

namespace infrac::aws {

struct RetryPolicy {
  int max_attempts = 5;                              // the first try included
  std::chrono::milliseconds base{500};               // the first retry waits up to base, then 2x, 4x ...
  std::chrono::milliseconds cap{20000};              // never longer than this
  int budget = 500;                                  // retry tokens of a client
  int retry_cost = 5, timeout_cost = 10;             // tokens a retry takes (after a timeout: more)
};

bool is_throttling(const AwsError& error);
bool is_transient(const AwsError& error);  // no answer, or HTTP 500/502/503/504
bool is_retryable(const AwsError& error);

// Full jitter: random * min(cap, base * 2^(attempt-1)); `attempt` counts from 1 (the first retry).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempt, double random);

// The budget of one client: a retry takes tokens, a success gives one back.
class RetryBudget {
 public:
  explicit RetryBudget(const RetryPolicy& policy) : policy_(policy), tokens_(policy.budget) {}
  bool take(const AwsError& error);  // false: the budget is spent, do not retry
  void record_success();
  int tokens() const { return tokens_; }

 private:
  RetryPolicy policy_;
  int tokens_;
};

}  // namespace infrac::aws
