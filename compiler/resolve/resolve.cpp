#include "resolve/resolve.hpp"

#include "resolve/compile_time.hpp"
#include "resolve/components.hpp"
#include "resolve/files.hpp"
#include "resolve/imports.hpp"
#include "resolve/lets.hpp"
#include "resolve/stack_links.hpp"

namespace infrac {

std::vector<ast::Module> resolve(std::vector<ast::Module> roots, const io::Places& places, SourceManager& sources,
                                 Diagnostics& diagnostics) {
  std::vector<ast::Module> modules = load_imports(std::move(roots), places, sources, diagnostics);
  load_files(modules, places, sources, diagnostics);
  substitute_lets(modules, sources, diagnostics);
  expand_components(modules, sources, diagnostics);
  for (auto& module : modules) {
    for (auto& stack : module.stacks) finish_values(stack, diagnostics);
  }
  link_stacks(modules, diagnostics);
  return modules;
}

}  // namespace infrac
