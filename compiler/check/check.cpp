#include "check/check.hpp"

#include <map>

#include "check/declarations.hpp"
#include "check/dependencies.hpp"
#include "check/expressions.hpp"
#include "check/parameter_values.hpp"
#include "check/policy.hpp"
#include "check/rebuild_closure.hpp"
#include "check/resource_properties.hpp"
#include "check/symbols.hpp"
#include "check/rules/autoscaling.hpp"
#include "check/usage.hpp"

namespace infrac {

CheckedProgram check(const std::vector<ast::Module>& modules, const CheckOptions& options, Diagnostics& diagnostics) {
  CheckedProgram program;
  std::map<std::string, const ast::Stack*> stacks_by_name;
  for (const auto& module : modules) {
    for (const auto& stack : module.stacks) {
      if (auto [it, inserted] = stacks_by_name.emplace(stack.name, &stack); !inserted) {
        auto& d = diagnostics.error(stack.name_span, "duplicate stack `" + stack.name + "`");
        d.notes.push_back({it->second->name_span, "first declared here"});
        continue;
      }
      std::size_t errors_before = diagnostics.error_count();
      StackSymbols symbols = collect_symbols(stack, diagnostics);
      check_stack_attributes(stack, diagnostics);
      for (const auto& p : stack.parameters) {
        check_parameter(p, diagnostics);
        check_parameter_default(p, diagnostics);
      }
      for (const auto& m : stack.mappings) check_mapping(m, diagnostics);
      for (const auto& c : stack.conditions) check_condition(c, symbols, diagnostics);
      for (const auto& r : stack.resources) check_resource(r, symbols, diagnostics);
      for (const auto& o : stack.outputs) check_output(o, symbols, diagnostics);
      check_dependency_cycles(stack, symbols, diagnostics);
      check_quotas(stack, diagnostics);
      // A name used only inside a broken expression would look unused: warn only about clean stacks.
      if (diagnostics.error_count() == errors_before) check_unused(stack, symbols, diagnostics);
      check_autoscaling_rules(stack, symbols, diagnostics);
      if (options.spec) {
        check_against_spec(stack, symbols, *options.spec, diagnostics);
        for (const auto& parameter : options.rebuild_parameters) {
          check_rebuild_closure(stack, symbols, *options.spec, parameter, diagnostics);
        }
      }
      check_policies(stack, symbols, diagnostics);
      program.stacks.push_back(&stack);
    }
  }
  return program;
}

}  // namespace infrac
