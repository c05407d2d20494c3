#pragma once
#include "ast/ast.hpp"
#include "lower/template_model.hpp"

namespace infrac {

// The stack policy document. No declared policy gives the safe default: deny every update.
// With `sources`, each JSON statement (`/Statement/N`) is recorded at the infra statement it came from.
Json lower_policy(const ast::Stack& stack, SourceMap* sources = nullptr);

}  // namespace infrac
