#pragma once
// What the shell round-trip test knows about a script, computed without the compiler:
// which `<<X>>` interpolations it uses, what CloudFormation should hand back, and the
// .infra source that embeds it.
#include <string>
#include <string_view>
#include <vector>

#include "support/cfn_eval.hpp"

namespace infrac::test {

// Resources that every generated round-trip stack declares, so scripts may use
// <<Bucket>>, <<Bucket.Arn>>, <<Queue.QueueName>>, <<Db.Endpoint.Address>>, ...
const std::vector<std::string>& roundtrip_resources();

// Names of `<<X>>` interpolations (not `<<!X>>` escapes), unique, in order of first use.
std::vector<std::string> interpolated_names(std::string_view script);

// Names among `names` that must be declared as parameters (not pseudo, resource or attribute).
std::vector<std::string> parameter_names(const std::vector<std::string>& names);

// The fake deploy-time value of an interpolated name: PARAM_VALUE_<P>, REF_<Res>,
// ATTR_<Res>_<Attr>, or the fake pseudo parameter value (region eu-west-1).
std::string fake_value(const std::string& name);

// The text CloudFormation must produce: each `<<X>>` -> fake_value(X), each `<<!X>>` -> `<<X>>`.
std::string expected_text(std::string_view script);

// The same script with every `<<X>>` already replaced by its value but `<<!X>>` kept:
// a text without interpolation that must compile to a plain string.
std::string without_interpolation(std::string_view script);

// A context that resolves every name expected_text knows.
CfnContext roundtrip_context(const std::vector<std::string>& names);

// The script as a text block: opening fence (longer than any backtick run in the
// script) with tag `sh`, every non-empty line indented by `indent` spaces, closing fence
// indented the same. The result starts with the fence and ends with the closing fence.
std::string text_block(std::string_view script, int indent);

// A stack `roundtrip` with a parameter per name, the roundtrip resources, and an
// AWS::EC2::Instance `Host` whose UserData is `base64(<user_data_argument>)`.
std::string roundtrip_infra(const std::vector<std::string>& parameters, const std::string& user_data_argument);

}  // namespace infrac::test
