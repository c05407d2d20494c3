#pragma once
// One handler per LSP method, each in its own file (initialize.cpp, hover.cpp, ...):
// read the params, convert positions, ask the workspace, convert the answer back.
#include "lsp/server.hpp"

namespace infrac::lsp::handlers {

Json initialize(Server& server, const Json& params);
Json shutdown(Server& server, const Json& params);
void exit(Server& server, const Json& params);
void initialized(Server& server, const Json& params);
void did_open(Server& server, const Json& params);
void did_change(Server& server, const Json& params);
void did_close(Server& server, const Json& params);
void did_save(Server& server, const Json& params);
Json hover(Server& server, const Json& params);
Json definition(Server& server, const Json& params);
Json references(Server& server, const Json& params);
Json completion(Server& server, const Json& params);
Json document_symbol(Server& server, const Json& params);
Json prepare_rename(Server& server, const Json& params);
Json rename(Server& server, const Json& params);
Json code_action(Server& server, const Json& params);
Json formatting(Server& server, const Json& params);
Json range_formatting(Server& server, const Json& params);

}  // namespace infrac::lsp::handlers
