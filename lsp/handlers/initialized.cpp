// `initialized`: nothing to do; the client is ready.
#include "lsp/handlers/handlers.hpp"

namespace infrac::lsp::handlers {

void initialized(Server&, const Json&) {}

}  // namespace infrac::lsp::handlers
