#pragma once
// The one model of a CloudFormation template (../shared decision): an ordered
// JSON value, whether it came from infra source, a JSON or YAML template, or a
// deployed stack. Keys keep their order so that output is deterministic and
// follows the author's layout.
#include <nlohmann/json.hpp>

namespace infrac {

using Json = nlohmann::ordered_json;

}  // namespace infrac
