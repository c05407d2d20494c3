#pragma once
// `${Name}` copied from a CloudFormation `!Sub` into an infra string, text block
// or file stays literal text (infra interpolates `<<Name>>`), which is a silent
// mistake: a bucket named `logs-${AWS::AccountId}`, a script whose `${Env}` is an
// empty shell variable at boot. Warned about when the braces hold a qualified
// name (`AWS::Region`), or a parameter or resource of the stack (`Env`, `Queue.Arn`).
#include "ast/ast.hpp"
#include "check/symbols.hpp"
#include "diagnostics/diagnostics.hpp"
#include "source/source_file.hpp"

namespace infrac {

// Checks one value of a resource or output. `sources` (when given) places the
// warning at the `${...}` itself rather than at the whole text.
void check_copied_sub_syntax(const ast::Expr& expr, const StackSymbols& symbols, const SourceManager* sources,
                             Diagnostics& diagnostics);

}  // namespace infrac
