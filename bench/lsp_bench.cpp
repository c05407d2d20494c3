// The language server's costs on examples/rebuild, through the workspace API the
// handlers call (lsp/workspace/workspace.hpp), with the project's files opened as
// unsaved buffers: diagnostics after an edit (the whole compiler on both stacks and
// their standard-library imports), completion at a property position right after an
// edit (the project is parsed and indexed again) and without one (cached), and the
// resident memory across 10,000 edits. Not a test: it prints a table.
//
//   lsp_bench [--reps N] [--edits N]
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/timing.hpp"
#include "lsp/workspace/workspace.hpp"

namespace fs = std::filesystem;

namespace {

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// Times `body` and prints its row at once (the memory section below runs after the table).
void row(const std::string& what, int reps, const std::function<void(int)>& body) {
  infrac::bench::Timing t = infrac::bench::time_it(what, reps, body);
  std::printf("%-62s %5d %11.3f %11.3f\n", t.what.c_str(), t.reps, t.median_ms, t.min_ms);
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 20;
  int edits = 10000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--reps") == 0) reps = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--edits") == 0) edits = std::max(1, std::atoi(argv[i + 1]));
  }
  fs::path project = fs::path(INFRAC_SOURCE_DIR) / "examples" / "rebuild";
  std::string app = infrac::lsp::normal_path((project / "app.infra").string());
  std::string network = infrac::lsp::normal_path((project / "network.infra").string());
  std::string app_text = infrac::bench::read_file(app);
  // A resource being written at the end of app's stack: the cursor where a property name goes.
  std::string marker = "\n  resource Probe: AWS::EC2::LaunchTemplate {\n    ";
  std::size_t stack_end = app_text.rfind('}');
  std::string edited = app_text.substr(0, stack_end) + marker + "\n  }\n" + app_text.substr(stack_end);
  auto cursor = static_cast<std::uint32_t>(stack_end + marker.size());

  infrac::lsp::Workspace workspace;
  workspace.open(network, infrac::bench::read_file(network), 1);
  workspace.open(app, edited, 1);
  std::int64_t version = 1;
  auto edit = [&](int i) { workspace.change(app, edited + "# edit " + std::to_string(i) + "\n", ++version); };

  std::printf("%-62s %5s %11s %11s\n", "what (examples/rebuild, buffers open)", "reps", "median ms", "min ms");
  std::size_t problems = 0;
  row("diagnostics after an edit (compile the project)", reps, [&](int i) {
    edit(i);
    for (const auto& [file, list] : workspace.diagnose(app).files) problems += list.size();
  });
  std::size_t items = 0;
  row("completion at a property position after an edit (re-index)", reps, [&](int i) {
    edit(i);
    items = workspace.complete(app, cursor).items.size();
  });
  row("completion at a property position, no edit (cached)", reps, [&](int) { items = workspace.complete(app, cursor).items.size(); });
  row("hover on a name after an edit", reps, [&](int i) {
    edit(i);
    workspace.hover(app, static_cast<std::uint32_t>(edited.find("AppServerAMI")));
  });
  std::printf("(%zu diagnostics in the last runs; %zu completion items)\n\n", problems, items);

  std::printf("resident memory across %d edits (each re-indexed, every 100th diagnosed):\n", edits);
  long start = resident_kib();
  std::printf("  %6d edits: %8ld KiB\n", 0, start);
  for (int i = 1; i <= edits; ++i) {
    edit(1000 + i);
    workspace.complete(app, cursor);
    if (i % 100 == 0) workspace.diagnose(app);
    if (i == edits / 10 || i == edits / 2 || i == edits) std::printf("  %6d edits: %8ld KiB\n", i, resident_kib());
  }
  return 0;
}
