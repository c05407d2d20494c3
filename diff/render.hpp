#pragma once
// The three views of the change model. Each is a function of the model alone, so
// the formats cannot disagree about what changed; none prints a NoEcho value.
#include <string>

#include "diff/model.hpp"

namespace infrac::diff {

struct TextStyle {
  bool colour = false;  // ANSI colours (on a terminal without NO_COLOR)
  std::size_t width = 100;
};

// For people: per stack the summary line first, then security findings, then each
// change with its values, texts as unified line diffs; lines fit `width` columns.
std::string render_text(const Diff& diff, const TextStyle& style = {});

// The summary line of one stack: "app: 1 to replace, 2 to modify, 0 to add, 0 to remove;
// 1 denied by the stack policy; 1 security-relevant".
std::string summary_line(const StackDiff& stack);

// For tools: one JSON document, {"format_version": 1, "stacks": [...]} (docs/diff-format.md).
std::string render_json(const Diff& diff);

// For a pull-request comment: tables, findings first, texts in collapsible sections.
std::string render_markdown(const Diff& diff);

// A value as one line of JSON, shortened to `width` columns with "…" where cut.
std::string value_line(const Json& value, std::size_t width);

// A path as people read it: Properties.Tags[Key=Env].Value
std::string path_text(const std::vector<std::string>& path);

}  // namespace infrac::diff
