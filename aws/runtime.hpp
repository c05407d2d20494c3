#pragma once
// What the AWS code asks of the world besides the network, injected so that
// tests are repeatable: the time, sleeping, a random source, the environment
// variables and a trace sink for --debug. The defaults are the real ones.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace infrac::aws {

struct Runtime {
  std::function<std::chrono::system_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
  std::function<double()> random;  // uniform in [0, 1)
  std::function<std::optional<std::string>(const std::string&)> getenv;
  std::function<void(const std::string&)> trace;  // --debug lines, already redacted; empty = off
};

// The process's clock, sleep, random source and environment; no trace.
Runtime real_runtime();

// A runtime for tests: a fixed environment, a clock that only `sleep` advances, and a fixed random value.
Runtime fake_runtime(std::map<std::string, std::string> environment,
                     std::chrono::system_clock::time_point start = std::chrono::system_clock::time_point{},
                     double random_value = 0.5);

}  // namespace infrac::aws
