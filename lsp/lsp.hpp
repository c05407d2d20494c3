#pragma once
// The language server, the library's one entry point: `infrac lsp` calls it on stdio.
// Layers, each on the next: transport (framing) -> server and protocol (JSON-RPC,
// positions) -> handlers/ (one file per method) -> workspace/ (the feature API in the
// compiler's types) -> the compiler's phases.
#include <istream>
#include <ostream>

#include "lsp/server.hpp"

namespace infrac::lsp {

// Serves `in` until `exit` or its end; protocol messages only on `out`, anything else on `log`.
int serve(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options);

}  // namespace infrac::lsp
