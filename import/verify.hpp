#pragma once
// The round trip: the imported source compiled back (the real compiler, the imported
// texts standing in for files), its template and policy compared with the input by what
// CloudFormation would do with them: cfn::equal (10 = "10", GetAtt forms, DependsOn
// order, map keys in any order), Fn::Sub and Fn::Join texts by the text they hand back
// (text.hpp), an empty `Properties` as none, and stack policies statement by statement,
// split into what each allows or denies.
#include <optional>
#include <string>
#include <vector>

#include "cfn/json.hpp"
#include "driver/driver.hpp"
#include "import/import.hpp"

namespace infrac::importer {

struct Difference {
  std::string where;     // "/Resources/Web/Properties/UserData", or "policy: ..."
  std::string expected;  // from the input, as JSON
  std::string actual;    // from the compiled source
};

struct Verification {
  Compilation compilation;               // its diagnostics, when the source does not compile
  std::vector<Difference> differences;   // at most a few
  bool compiled() const { return compilation.diagnostics.error_count() == 0 && compilation.stacks.size() == 1; }
  bool equal() const { return compiled() && differences.empty(); }
};

// `infra_path`: where the source is (or would be) written; scripts are next to it.
Verification verify_import(const Imported& imported, const std::string& infra_path, const Json& template_body,
                           const std::optional<Json>& policy, bool use_spec = true);

// The template as the comparison sees it (exposed for the tests).
Json comparable_template(const Json& template_body);

}  // namespace infrac::importer
