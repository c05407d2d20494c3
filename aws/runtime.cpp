#include "aws/runtime.hpp"

#include <cstdlib>
#include <memory>
#include <random>
#include <thread>

namespace infrac::aws {

Runtime real_runtime() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  Runtime r;
  r.now = [] { return std::chrono::system_clock::now(); };
  r.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  r.random = [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
  r.getenv = [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
  return r;
}

Runtime fake_runtime(std::map<std::string, std::string> environment, std::chrono::system_clock::time_point start,
                     double random_value) {
  auto clock = std::make_shared<std::chrono::system_clock::time_point>(start);
  auto env = std::make_shared<std::map<std::string, std::string>>(std::move(environment));
  Runtime r;
  r.now = [clock] { return *clock; };
  r.sleep = [clock](std::chrono::milliseconds d) { *clock += d; };
  r.random = [random_value] { return random_value; };
  r.getenv = [env](const std::string& name) -> std::optional<std::string> {
    auto it = env->find(name);
    if (it == env->end()) return std::nullopt;
    return it->second;
  };
  return r;
}

}  // namespace infrac::aws
