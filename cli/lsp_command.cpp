// `infrac lsp`: the language server on stdin and stdout (lsp/lsp.hpp). Editors start it;
// editors/README.md says how.
#include <iostream>

#include "cli/command.hpp"
#include "lsp/lsp.hpp"

namespace infrac {

Command add_lsp_command(CLI::App& app) {
  auto* sub = app.add_subcommand("lsp", "serve the Language Server Protocol on stdin and stdout (for editors)");
  auto options = std::make_shared<lsp::ServerOptions>();
  auto debounce_ms = std::make_shared<int>(300);
  sub->add_flag("--sync", options->synchronous, "check after every edit before reading the next message (for tests)");
  sub->add_option("--debounce-ms", *debounce_ms, "wait this long after the last edit before checking (default 300)")
      ->check(CLI::Range(0, 10000));
  sub->add_flag("!--no-spec", options->use_spec, "skip the checks against the CloudFormation resource specification");
  return {sub, [options, debounce_ms](const CommandIo& io) {
            options->debounce = std::chrono::milliseconds(*debounce_ms);
            // Protocol messages go to the real stdout, whatever `io.out` is; logs to stderr.
            std::ios::sync_with_stdio(false);
            return lsp::serve(std::cin, std::cout, io.err, *options);
          }};
}

}  // namespace infrac
