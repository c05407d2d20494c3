#include "check/check.hpp"

#include <map>

#include "ast/lookup.hpp"

#include "check/conditional_references.hpp"
#include "check/declarations.hpp"
#include "check/dependencies.hpp"
#include "check/expressions.hpp"
#include "check/instance_notes.hpp"
#include "check/parameter_values.hpp"
#include "check/policy.hpp"
#include "check/resource_properties.hpp"
#include "check/symbols.hpp"
#include "check/rules/autoscaling.hpp"
#include "check/silence.hpp"
#include "check/sub_syntax.hpp"
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
      StackReferences references;
      apply_silences(stack, diagnostics);
      check_stack_attributes(stack, diagnostics);
      for (const auto& p : stack.parameters) {
        InstanceNotes notes(diagnostics, p.instantiated_at);
        check_parameter(p, diagnostics);
        check_parameter_default(p, diagnostics);
      }
      check_rebuild_parameters(stack, diagnostics);
      for (const auto& m : stack.mappings) {
        InstanceNotes notes(diagnostics, m.instantiated_at);
        check_mapping(m, diagnostics);
      }
      for (const auto& c : stack.conditions) {
        InstanceNotes notes(diagnostics, c.instantiated_at);
        check_condition(c, symbols, diagnostics);
      }
      for (const auto& r : stack.rules) {
        InstanceNotes notes(diagnostics, r.instantiated_at);
        check_rule(r, symbols, diagnostics);
      }
      for (const auto& r : stack.resources) {
        InstanceNotes notes(diagnostics, r.instantiated_at);
        check_resource(r, symbols, references, diagnostics);
        check_conditional_references(r, symbols, references, diagnostics);
        for (const auto& p : r.properties) check_copied_sub_syntax(p.value, symbols, options.sources, diagnostics);
        for (const auto& a : r.attributes) check_copied_sub_syntax(a.value, symbols, options.sources, diagnostics);
        if (options.spec) check_resource_against_spec(stack, r, symbols, *options.spec, diagnostics);
      }
      for (const auto& o : stack.outputs) {
        InstanceNotes notes(diagnostics, o.instantiated_at);
        check_output(o, symbols, diagnostics);
        check_conditional_references(o, symbols, references, diagnostics);
        check_copied_sub_syntax(o.value, symbols, options.sources, diagnostics);
        if (const ast::Attribute* e = ast::find_attribute(o.attributes, "export")) check_copied_sub_syntax(e->value, symbols, options.sources, diagnostics);
        if (options.spec) check_output_against_spec(o, symbols, *options.spec, diagnostics);
      }
      check_dependency_cycles(stack, symbols, references, diagnostics);
      check_quotas(stack, diagnostics);
      // A name used only inside a broken expression would look unused: warn only about clean stacks.
      if (diagnostics.error_count() == errors_before) check_unused(stack, symbols, references, diagnostics);
      check_autoscaling_rules(stack, symbols, diagnostics);
      check_policies(stack, symbols, diagnostics);
      program.stacks.push_back(&stack);
      references.drop_references();
      program.references.push_back(std::move(references));
    }
  }
  return program;
}

}  // namespace infrac
