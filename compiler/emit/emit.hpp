#pragma once
// Serialise a lowered stack: two-space indent, keys in model order, final newline.
#include <string>
#include <vector>

#include "lower/template_model.hpp"

namespace infrac {

std::string emit_json(const Json& value);
std::string emit_template(const LoweredStack& stack);
std::string emit_policy(const LoweredStack& stack);

// The project manifest (infrac.manifest.json) the deploy step reads: every stack
// with its template and policy files, the stacks it needs first, which of its
// parameters take which stack's output, and an order to deploy them in.
Json manifest(const std::vector<LoweredStack>& stacks);
std::string template_file_name(const LoweredStack& stack);
std::string policy_file_name(const LoweredStack& stack);
inline constexpr const char* kManifestFileName = "infrac.manifest.json";

}  // namespace infrac
