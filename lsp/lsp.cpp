#include "lsp/lsp.hpp"

namespace infrac::lsp {

int serve(std::istream& in, std::ostream& out, std::ostream& log, const ServerOptions& options) {
  Transport transport(in, out);
  Server server(transport, log, options);
  return server.run();
}

}  // namespace infrac::lsp
