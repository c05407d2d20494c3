#pragma once
// Phase 4: checked stacks -> plain template and policy values.
#include <vector>

#include "check/check.hpp"
#include "lower/template_model.hpp"

namespace infrac {

std::vector<LoweredStack> lower(const CheckedProgram& program);

}  // namespace infrac
