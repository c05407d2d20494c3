// `shutdown` then `exit`: the exit status is 0 only when shutdown came first.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

Json shutdown(Server& server, const Json&) {
  server.shutdown_requested() = true;
  return nullptr;
}

}  // namespace infrac::lsp::handlers
