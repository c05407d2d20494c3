// The time of each phase of `infrac build` on a project, in-process: read + parse,
// resolve, the specification, check, lower, the template-size check, the rebuild
// proof, then emitting the texts (templates, policies, manifest). CPU time of this
// process (CLOCK_PROCESS_CPUTIME_ID), the median of --reps runs after one untimed
// run. bench/run.py calls it with --json for its per-phase table.
//
//   phase_bench [--reps N] [--json] FILE|DIR...
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "driver/driver.hpp"
#include "emit/emit.hpp"

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// One build: the CPU milliseconds of each phase, in pipeline order.
std::vector<std::pair<std::string, double>> one_build(const std::vector<std::string>& paths, std::size_t& output_bytes) {
  std::vector<std::pair<std::string, double>> phases;
  double last = cpu_ms();
  infrac::CompileOptions options;
  options.phase_done = [&](std::string_view phase) {
    double now = cpu_ms();
    phases.emplace_back(std::string(phase), now - last);
    last = now;
  };
  infrac::Compilation c = infrac::compile_files(paths, options);
  if (c.stacks.empty()) {
    std::cerr << "phase_bench: the project did not compile (" << c.diagnostics.error_count() << " errors)\n";
    std::exit(1);
  }
  last = cpu_ms();
  output_bytes = 0;
  for (const auto& stack : c.stacks) output_bytes += infrac::emit_template(stack).size() + infrac::emit_policy(stack).size();
  output_bytes += infrac::emit_json(infrac::manifest(c.stacks)).size();
  phases.emplace_back("emit", cpu_ms() - last);
  return phases;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  bool json = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--reps" && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--json") {
      json = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::cerr << "usage: phase_bench [--reps N] [--json] FILE|DIR...\n";
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) {
    std::cerr << "usage: phase_bench [--reps N] [--json] FILE|DIR...\n";
    return 2;
  }
  std::size_t output_bytes = 0;
  one_build(paths, output_bytes);  // untimed: page cache, allocator
  std::vector<std::string> order;
  std::map<std::string, std::vector<double>> samples;
  for (int r = 0; r < reps; ++r) {
    for (const auto& [phase, ms] : one_build(paths, output_bytes)) {
      if (samples[phase].empty()) order.push_back(phase);
      samples[phase].push_back(ms);
    }
  }
  nlohmann::ordered_json medians = nlohmann::ordered_json::object();
  for (const auto& phase : order) {
    auto& v = samples[phase];
    std::sort(v.begin(), v.end());
    medians[phase] = v[v.size() / 2];
  }
  if (json) {
    std::cout << nlohmann::ordered_json{{"reps", reps}, {"output_bytes", output_bytes}, {"phases_cpu_ms", medians}}.dump() << "\n";
    return 0;
  }
  std::printf("%-16s %12s\n", "phase", "median CPU ms");
  for (const auto& [phase, ms] : medians.items()) std::printf("%-16s %12.3f\n", phase.c_str(), ms.get<double>());
  return 0;
}
