#pragma once
// What an AWS call gives back: a value or an error that says what went wrong,
// in a form a caller can decide on (retry? no changes? access denied?).
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace infrac::aws {

struct AwsError {
  enum class Kind {
    Transport,    // no answer: connection refused or dropped, timeout
    Service,      // AWS answered with an error document (code, message)
    Protocol,     // an answer that is not what the API promises (HTML page, truncated XML)
    Credentials,  // no usable credentials
    Usage,        // a request we refuse to send (missing region, bad endpoint)
  };
  Kind kind = Kind::Service;
  std::string code;     // AWS's error code (Throttling, ValidationError, ...) or a name of ours
  std::string message;  // as AWS said it, or ours
  int http_status = 0;  // 0 when nothing was received
  std::string request_id;

  // One line for a person: "ValidationError: Stack [x] does not exist (HTTP 400, request abc)".
  std::string describe() const;
};

// A value or an AwsError; Outcome<void> is success or an error.
template <class T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}
  Outcome(AwsError error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  const AwsError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, AwsError> v_;
};

struct Done {};
using Status = Outcome<Done>;

}  // namespace infrac::aws
