#pragma once
// moto behind the signature-checking, fault-injecting proxy (tests/aws/emulator.py),
// started for one test and stopped when the object dies.
#include <string>

namespace infrac::test {

class Emulator {
 public:
  Emulator();  // starts it and waits for its READY line; `ok()` says whether it came up
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  bool ok() const { return !proxy_url_.empty(); }
  const std::string& url() const { return proxy_url_; }      // what infrac talks to
  const std::string& moto_url() const { return moto_url_; }  // moto itself, for checks behind the proxy's back
  // POST /__control with a JSON document; returns the answer body.
  std::string control(const std::string& json) const;
  // The proxy's request log (JSON array).
  std::string log() const;

 private:
  int pid_ = -1;
  int stdin_fd_ = -1;
  std::string proxy_url_, moto_url_;
};

// The static test credentials the proxy knows.
inline constexpr const char* kTestKeyId = "AKIAINFRACTEST000001";
inline constexpr const char* kTestSecret = "infrac-test-secret-do-not-print";

}  // namespace infrac::test
