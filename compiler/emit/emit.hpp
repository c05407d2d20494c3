#pragma once
// Serialise a lowered stack: two-space indent, keys in model order, final newline.
#include <string>

#include "lower/template_model.hpp"

namespace infrac {

std::string emit_json(const Json& value);
std::string emit_template(const LoweredStack& stack);
std::string emit_policy(const LoweredStack& stack);

}  // namespace infrac
