#pragma once
// A problem in a declaration that a component contributed also names the instance
// (and the instances around it), since the component's source line alone is ambiguous.
// Held while one declaration is checked: every diagnostic reported meanwhile gets the notes.
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "resolve/components.hpp"

namespace infrac {

class InstanceNotes {
 public:
  InstanceNotes(Diagnostics& diagnostics, const std::vector<ast::InstanceSite>& sites)
      : diagnostics_(diagnostics), sites_(sites), mark_(diagnostics.all().size()) {}
  ~InstanceNotes() {
    for (const auto& site : sites_) diagnostics_.add_note_since(mark_, {site.use_span, describe_instance(site)});
  }
  InstanceNotes(const InstanceNotes&) = delete;
  InstanceNotes& operator=(const InstanceNotes&) = delete;

 private:
  Diagnostics& diagnostics_;
  const std::vector<ast::InstanceSite>& sites_;
  std::size_t mark_;
};

}  // namespace infrac
