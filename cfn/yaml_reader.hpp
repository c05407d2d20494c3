#pragma once
// The YAML half of load_document (cfn/load.hpp); internal to the cfn library.
#include <string_view>

#include "cfn/load.hpp"

namespace infrac::cfn::detail {

// With `positions`, where each value is written is recorded there.
Loaded read_yaml(std::string_view text, const LoadLimits& limits, Positions* positions = nullptr);

}  // namespace infrac::cfn::detail
