#pragma once
// Which attributes of a resource change when CloudFormation updates it in place
// (no replacement). A checked-in table, not the specification: the registry
// schemas do not say it. `Ref` (the physical id) never changes in place. An
// attribute the table does not list "may change": callers must never read that
// as "does not change" (update impact reports it as a possible change).
#include <string_view>

namespace infrac::cfn {

enum class AttributeOnUpdate { Unchanged, Changes, Unknown };

// `attribute` as Fn::GetAtt names it ("LatestVersionNumber", "Endpoint.Address");
// empty for Ref.
AttributeOnUpdate attribute_on_update(std::string_view type, std::string_view attribute);

}  // namespace infrac::cfn
