#pragma once
// The lowered model of one stack: a plain value. `infrac diff` and the deploy
// step reuse it, so it carries no pointers into the AST and no PEGTL types.
#include "cfn/json.hpp"
#include "lower/source_map.hpp"
#include <string>
#include <vector>

namespace infrac {

struct LoweredStack {
  std::string name;          // the stack's name in the source; output files are named after it
  Json template_body;        // the CloudFormation template, sections in conventional order
  // template_body as emit_template writes it: compile_files prints it once, for the size
  // check, and `build` writes that text. Empty when the stack did not come from compile_files.
  std::string template_text;
  Json stack_policy;         // the stack policy document
  bool policy_is_default = false;  // the stack declared no policy and got "deny every update"
  // For the deploy step: the stacks to deploy first, and which of this stack's
  // parameters take which stack's output.
  std::vector<std::string> depends_on;
  struct Input {
    std::string parameter;
    std::string stack;
    std::string output;
  };
  std::vector<Input> inputs;
  // The parameter whose change alone rebuilds the stack (declared `rebuild true`); empty when none.
  std::string rebuild_parameter;
  // Where the template's and the policy's JSON came from in the source (JSON pointer -> span),
  // so that analyses over the template model (cfn/) can report at source lines.
  SourceMap template_sources;
  SourceMap policy_sources;
};

}  // namespace infrac
