#include "cli/resource_spec_loading.hpp"

#include <ostream>

namespace infrac {

std::unique_ptr<ResourceSpec> load_resource_spec_or_warn(const CommandIo& io) {
  std::string path = locate_resource_spec(default_spec_locations());
  std::string error;
  std::optional<ResourceSpec> spec;
  if (!path.empty()) spec = load_resource_spec(path, error);
  if (!spec) {
    io.err << "infrac: warning: no CloudFormation resource specification found (see INFRAC_PATH); "
              "every property change is reported as one that may replace its resource\n";
    return nullptr;
  }
  return std::make_unique<ResourceSpec>(std::move(*spec));
}

}  // namespace infrac
