#pragma once
// The change model of `infrac diff`: what changes between two versions of a set
// of stacks and what CloudFormation will do about it. A plain value, computed
// first (diff.hpp) and rendered last (render.hpp): human text, markdown and the
// versioned JSON document (docs/diff-format.md) are three views of this one value.
//
//   Diff -> StackDiff -> DeclarationChange (a parameter, resource, output, ...)
//                          -> ValueChange (one changed value, by its path; texts as lines)
//        -> security findings and stack-policy verdicts, separate passes over the same model
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"

namespace infrac::diff {

// The version of the JSON document; raised on any change that could break a reader.
inline constexpr int kFormatVersion = 1;

// What happened to a declaration or a value between the two versions.
enum class Change : std::uint8_t { Added, Removed, Modified };
std::string_view to_string(Change change);  // "added", "removed", "modified"

// What CloudFormation does to a resource (or, for other declarations, to the
// stack's view of them), ranked: a resource's action is the strongest of its reasons.
enum class Action : std::uint8_t { None, Modify, Create, Delete, Conditional, Replace };
std::string_view to_string(Action action);  // "none", "modify", "create", "delete", "may replace", "replace"

// One line of a line diff of a text: ' ' context, '-' old only, '+' new only.
struct DiffLine {
  char kind = ' ';
  std::string text;
};

// A unified diff in hunks of changed lines with up to three lines of context.
struct TextHunk {
  std::size_t old_start = 0;  // 1-based first line of the hunk in the old text
  std::size_t old_count = 0;
  std::size_t new_start = 0;
  std::size_t new_count = 0;
  std::vector<DiffLine> lines;
};

struct TextDiff {
  std::string form;  // how the new text is written: "Fn::Base64 of Fn::Sub", "literal", ...
  std::vector<TextHunk> hunks;
};

// One changed value. `path` names it from the declaration down: property names,
// list items as `[2]` (their position in the new list; the old one when removed),
// or `[Key=Env]` when the list is matched by a key. Texts of several lines get
// `text` (a line diff) instead of whole old and new values.
struct ValueChange {
  std::vector<std::string> path;
  Change change = Change::Modified;
  Json old_value;  // null when added
  Json new_value;  // null when removed
  std::optional<TextDiff> text;
  // For a resource property: what the change alone does to the resource
  // (Modify, Conditional, Replace); None elsewhere.
  Action effect = Action::None;
  bool secret = false;  // a NoEcho value: never printed, in any format
  // Where the value is written in infra source ("app.infra:12"; the old side's when removed),
  // when the side is infra source and the place is not its declaration's.
  std::string source;
};

// Why a resource gets its action (besides its own changed properties).
struct Reason {
  std::string text;  // "uses `AppLaunchTemplate.LatestVersionNumber`, which changes", "parameter `X` changes"
  Action action = Action::None;
  bool certain = true;
};

// The stack policy's verdict on one resource change.
struct Verdict {
  bool allowed = true;
  std::string policy_action;  // "Update:Modify", "Update:Replace", "Update:Delete"
  std::string decided_by;     // "statement 2 (Allow Update:Modify on LogicalResourceId/App*)", "no statement allows it", "no stack policy"
};

struct DeclarationChange {
  std::string section;  // "Parameters", "Resources", "Outputs", ... as in the template
  std::string name;     // the logical id or key
  std::string type;     // a resource's type (the new one, or the old when removed)
  Change change = Change::Modified;
  Action action = Action::None;            // resources: what CloudFormation does; others: None
  bool certain = true;                     // false: the action may happen (a conditional replacement, a value that may change)
  std::vector<std::string> replaced_by;    // property paths that force the replacement
  std::vector<Reason> reasons;             // changes carried here through references and parameters
  std::vector<ValueChange> values;         // empty for an added or removed declaration shown whole
  Json old_value;                          // the whole declaration when removed or added
  Json new_value;
  std::optional<Verdict> verdict;          // resources with an action, when a stack policy is judged
  std::vector<std::string> notes;          // what else the action means ("every instance is replaced ...")
  bool secret = false;                     // a NoEcho parameter
  std::string source;                      // where it is written in infra source ("app.infra:10"), if known
};

// What a resource's line says will happen to it, the same in every view: "replace",
// "may replace", "modify", "may modify" (an uncertain action), "template only" (None).
std::string action_text(const DeclarationChange& d);

enum class Severity : std::uint8_t { Security };

// A security-relevant change, found by one of the passes in security.hpp.
struct Finding {
  std::string kind;      // "iam", "ingress", "s3-public", "kms", "no-echo", "stack-policy", "data-loss"
  std::string name;      // the declaration it concerns (a logical id, or "stack policy")
  std::string message;   // one line, for every format
};

struct PolicyChange {
  std::vector<ValueChange> statements;  // the policy documents compared statement by statement
};

// A parameter whose value changes at the deploy (ParameterValue::how: where it comes from).
struct ParameterChange {
  std::string name;
  std::string how;  // "at deploy (`--param`)", "to the value in `--params`", ...
};

struct StackDiff {
  std::string name;
  bool old_exists = true;  // false: the stack is new (every resource created)
  bool new_exists = true;  // false: the stack is removed
  std::vector<DeclarationChange> changes;  // in section order, each section in template order
  std::optional<PolicyChange> policy;      // set when the stack policy changed
  bool policy_judged = false;              // a stack policy is in force for the update (the new one)
  std::vector<ParameterChange> parameters_changed;  // given values of parameters this stack declares
  // Parameters of an updated stack that CloudFormation resolves again at the update
  // (AWS::SSM::Parameter::Value<...>): what uses them may change.
  std::vector<std::string> parameters_resolved;
  std::vector<Finding> findings;

  // The counts of the summary line.
  struct Counts {
    std::size_t replace = 0, may_replace = 0, modify = 0, add = 0, remove = 0, denied = 0, security = 0, other = 0;
  };
  Counts counts() const;
  bool empty() const { return changes.empty() && !policy; }
};

struct Diff {
  std::vector<StackDiff> stacks;
  bool empty() const;
};

}  // namespace infrac::diff
