// How long infrac's own work takes next to the linter it is checked with: loading the
// resource specification and compiling examples/rebuild-handwritten/rebuild.infra in-process, as
// ratios against cfn-lint linting the templates that compilation produced (the peer,
// run side by side on the same machine, wall-clock). Not a test: it prints a table.
//
//   spec_load_bench [--reps N] [--lint-reps N] [--spec FILE] [--example FILE] [--cfn-lint CMD]
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench/timing.hpp"
#include "driver/driver.hpp"
#include "emit/emit.hpp"
#include "spec/resource_spec.hpp"

namespace fs = std::filesystem;
using infrac::bench::read_file;
using infrac::bench::time_it;
using infrac::bench::Timing;

namespace {

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Runs a shell command, returns its exit status (-1 when it did not exit) and output.
int run(const std::string& command, std::string& output) {
  output.clear();
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  int status = pclose(pipe);
  return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "spec_load_bench: " << problem
            << "\nusage: spec_load_bench [--reps N] [--lint-reps N] [--spec FILE] [--example FILE] [--cfn-lint CMD]\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 20;
  int lint_reps = 3;
  std::string spec_path;
  fs::path example = fs::path(INFRAC_SOURCE_DIR) / "examples" / "rebuild-handwritten" / "rebuild.infra";
  std::string cfn_lint = "cfn-lint";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    auto count = [&]() {
      int n = std::atoi(value().c_str());
      if (n < 1) usage(arg + " needs a positive number");
      return n;
    };
    if (arg == "--reps") reps = count();
    else if (arg == "--lint-reps") lint_reps = count();
    else if (arg == "--spec") spec_path = value();
    else if (arg == "--example") example = value();
    else if (arg == "--cfn-lint") cfn_lint = value();
    else usage("unknown argument " + arg);
  }
  if (spec_path.empty()) {
    std::vector<std::string> tried;
    spec_path = infrac::locate_resource_spec(infrac::default_spec_locations(), &tried);
    if (spec_path.empty()) {
      std::cerr << "spec_load_bench: no resource-spec.json; looked in:\n";
      for (const auto& path : tried) std::cerr << "  " << path << "\n";
      return 1;
    }
  }

  // Compile once for real: the templates cfn-lint lints, and the resource types to look up.
  infrac::Compilation compiled = infrac::compile_files({example.string()});
  if (compiled.stacks.empty()) {
    std::cerr << "spec_load_bench: " << example.string() << " does not compile (" << compiled.diagnostics.error_count()
              << " errors); run infrac build on it to see them\n";
    return 1;
  }
  fs::path out = fs::temp_directory_path() / ("infrac-bench-" + std::to_string(::getpid()));
  fs::create_directories(out);
  std::vector<std::string> templates;
  std::set<std::string> used_types;
  for (const infrac::LoweredStack& stack : compiled.stacks) {
    fs::path file = out / (stack.name + ".template.json");
    std::ofstream(file, std::ios::binary) << infrac::emit_template(stack);
    templates.push_back(file.string());
    if (auto resources = stack.template_body.find("Resources"); resources != stack.template_body.end()) {
      for (const auto& [name, resource] : resources->items()) {
        if (resource.contains("Type")) used_types.insert(resource["Type"].get<std::string>());
      }
    }
  }

  std::vector<Timing> rows;
  std::string error;
  std::uintmax_t spec_bytes = fs::file_size(spec_path);
  rows.push_back(time_it("spec: load (map + header; stdlib's: index built in)", reps, [&] {
    if (!infrac::load_resource_spec(spec_path, error)) throw std::runtime_error(error);
  }));
  rows.push_back(time_it("spec: load + scan every line (any other file)", reps, [&] {
    std::optional<infrac::ResourceSpec> spec = infrac::load_resource_spec(spec_path, error);
    if (!spec || spec->type_names().empty()) throw std::runtime_error(error);
  }));
  rows.push_back(time_it("spec: load + look up the example's " + std::to_string(used_types.size()) + " types", reps, [&] {
    std::optional<infrac::ResourceSpec> spec = infrac::load_resource_spec(spec_path, error);
    std::size_t found = 0;
    for (const std::string& type : used_types) found += spec->find_type(type) != nullptr;
    if (found == 0 && !used_types.empty()) throw std::runtime_error("none of the example's types is in the spec");
  }));
  rows.push_back(time_it("spec: load + parse every record (eager)", reps, [&] {
    std::optional<infrac::ResourceSpec> spec = infrac::load_resource_spec(spec_path, error);
    if (!spec->validate(error)) throw std::runtime_error(error);
  }));
  rows.push_back(time_it("spec: read + nlohmann::json::parse whole file", reps, [&] {
    nlohmann::json whole = nlohmann::json::parse(read_file(spec_path));
    if (!whole.is_object()) throw std::runtime_error("not an object");
  }));
  rows.push_back(time_it("compile " + example.filename().string() + " (compile_files + emit)", reps, [&] {
    infrac::Compilation c = infrac::compile_files({example.string()});
    std::size_t bytes = 0;
    for (const infrac::LoweredStack& stack : c.stacks) bytes += infrac::emit_template(stack).size();
    if (bytes == 0) throw std::runtime_error("nothing compiled");
  }));

  std::string lint_command = cfn_lint;
  for (const std::string& file : templates) lint_command += " " + shell_quote(file);
  lint_command += " 2>&1";
  std::string lint_output;
  std::string probe;
  bool have_peer = run(cfn_lint + " --version 2>&1", probe) == 0;
  int lint_status = 0;
  std::optional<Timing> peer;
  if (have_peer) {
    peer = time_it("peer: " + cfn_lint + " on the " + std::to_string(templates.size()) + " compiled templates",
                   lint_reps, [&] { lint_status = run(lint_command, lint_output); });
  }
  fs::remove_all(out);

  std::printf("resource spec: %s (%.2f MB, cfn-lint %s data)\n", spec_path.c_str(), spec_bytes / 1e6,
              infrac::load_resource_spec(spec_path, error)->cfn_lint_version().c_str());
  std::printf("example: %s -> %zu templates, %zu resource types\n", example.string().c_str(), templates.size(),
              used_types.size());
  if (have_peer) {
    while (!probe.empty() && (probe.back() == '\n' || probe.back() == '\r')) probe.pop_back();
    std::printf("peer: %s (exit status %d%s)\n\n", probe.c_str(), lint_status,
                lint_status == 0 ? ", clean" : "; 2 = errors, 4 = warnings, 8 = informational");
  } else {
    std::printf("peer: `%s --version` did not run; no ratios\n\n", cfn_lint.c_str());
  }
  std::printf("%-58s %5s %11s %11s %14s\n", "what", "reps", "median ms", "min ms", "vs cfn-lint");
  auto print = [&](const Timing& t) {
    std::printf("%-58s %5d %11.3f %11.3f", t.what.c_str(), t.reps, t.median_ms, t.min_ms);
    if (peer) {
      double ratio = t.median_ms / peer->median_ms;
      if (ratio >= 0.01) std::printf(" %13.3fx\n", ratio);
      else std::printf("   1/%-9.0f\n", 1 / ratio);
    } else {
      std::printf(" %14s\n", "-");
    }
  };
  for (const Timing& t : rows) print(t);
  if (peer) print(*peer);
  return 0;
}
