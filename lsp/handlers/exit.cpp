// `exit`: stop reading; Server::run returns 0 after shutdown, 1 otherwise.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void exit(Server& server, const Json&) { server.exit_requested() = true; }

}  // namespace infrac::lsp::handlers
