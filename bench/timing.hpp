#pragma once
// What every benchmark here shares: the timing loop (one untimed warm-up run, then `reps`
// timed runs, wall-clock; the median and the fastest) and reading a whole file.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace infrac::bench {

struct Timing {
  std::string what;
  int reps = 0;
  double median_ms = 0;
  double min_ms = 0;
};

// Runs `body(run)` with run 0 untimed (page cache, allocator, caches), then with 1..reps timed.
inline Timing time_it(const std::string& what, int reps, const std::function<void(int run)>& body) {
  using Clock = std::chrono::steady_clock;
  body(0);
  std::vector<double> ms;
  for (int run = 1; run <= reps; ++run) {
    auto start = Clock::now();
    body(run);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {what, reps, ms[ms.size() / 2], ms.front()};
}

// The same for a body that does the same work on every run.
inline Timing time_it(const std::string& what, int reps, const std::function<void()>& body) {
  return time_it(what, reps, [&](int) { body(); });
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace infrac::bench
