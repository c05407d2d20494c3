#pragma once
// Phase 4: checked stacks -> plain template and policy values.
#include <vector>

#include "check/check.hpp"
#include "lower/template_model.hpp"

namespace infrac {

// Takes the expressions check lowered out of `program` (CheckedProgram::references)
// rather than lowering them again.
std::vector<LoweredStack> lower(CheckedProgram& program);

}  // namespace infrac
