#pragma once
// The real specification (stdlib/spec/resource-spec.json), loaded once for the cfn/ tests.
#include <doctest/doctest.h>

#include <string>

#include "cfn/json.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::test {

inline const ResourceSpec& real_spec() {
  static const ResourceSpec loaded = [] {
    std::string error;
    std::optional<ResourceSpec> result = load_resource_spec(std::string(INFRAC_SOURCE_DIR) + "/stdlib/spec/resource-spec.json", error);
    REQUIRE_MESSAGE(result.has_value(), error);
    return *result;
  }();
  return loaded;
}

}  // namespace infrac::test
