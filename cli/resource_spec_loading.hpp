#pragma once
// The resource specification for the commands that judge changes (diff, deploy's plan,
// rebuild's proof): found where the compiler looks (INFRAC_PATH, the install), loaded once.
#include <memory>

#include "cli/command.hpp"
#include "spec/resource_spec.hpp"

namespace infrac {

// The specification, or null with a warning on stderr: without it every property change
// counts as one that may replace its resource.
std::unique_ptr<ResourceSpec> load_resource_spec_or_warn(const CommandIo& io);

}  // namespace infrac
