#pragma once
// The rebuild proof (cfn/rebuild_proof.hpp) of a lowered stack, rendered as
// diagnostics at source lines through the stack's source map: a note that sums up
// what a rebuild does when the guarantee holds, else an error for each way it
// fails (a policy that denies a change, a group whose instances stay, an instance
// that is updated in place, a parameter that changes nothing), and warnings for
// allowances wider than the rebuild and rolling updates that pause too briefly.
#include <string>

#include "cfn/rebuild_proof.hpp"
#include "diagnostics/diagnostics.hpp"
#include "lower/template_model.hpp"

namespace infrac {

void report_rebuild(const LoweredStack& stack, const cfn::RebuildProof& proof, Diagnostics& diagnostics);

}  // namespace infrac
