#pragma once
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"

namespace infrac {

// Expands every `use Component as Name { args }`: the component's declarations
// join the stack with `Name` before their names (so instances never collide),
// its parameters are replaced by the arguments, and its policy statements join
// the stack's policy. `use Component { args }` without `as` adds no prefix: its
// declarations keep their names (in a component, only the enclosing instance's
// prefix). Each expanded declaration remembers where it was instantiated, so
// that diagnostics about it can say so.
void expand_components(std::vector<ast::Module>& modules, const SourceManager& sources, Diagnostics& diagnostics);

// What a note about a problem in an instance says: "in `Orders`, an instance of
// component `WorkQueue`", or without `as`, "in an instance of component `WorkQueue`".
std::string describe_instance(const ast::InstanceSite& site);

// Adds a note naming each instance (innermost first) that `sites` lists, each message
// after `lead` ("the first is " for the other side of a duplicate, say).
void note_instances(Diagnostic& diagnostic, const std::vector<ast::InstanceSite>& sites, const std::string& lead = {});

}  // namespace infrac
