#pragma once
// Loading CloudFormation documents (templates, stack policies, parameter files)
// written as JSON or YAML into the one model (cfn/json.hpp). YAML's short-form
// tags become the long form (`!GetAtt A.B` is {"Fn::GetAtt": ["A", "B"]}), so
// every later step sees one spelling. diff, import and deploy all load here.
//
// Hostile input is refused with a problem, never a crash: a size limit, a nesting
// limit, a limit on what YAML aliases may expand to, UTF-8 checked, duplicate keys
// reported (CloudFormation rejects them; silently keeping one would hide a change).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cfn/json.hpp"
#include "cfn/positions.hpp"

namespace infrac::cfn {

struct LoadLimits {
  std::size_t max_bytes = 8u << 20;    // CloudFormation takes at most 1 MB from S3
  int max_depth = 128;                 // real templates nest a few dozen levels at most
  std::size_t max_nodes = 2'000'000;   // values after YAML aliases are expanded
};

// One problem, at a byte offset of the text (line and column are computed when printed).
struct LoadProblem {
  std::size_t offset = 0;
  std::string message;
};

struct Loaded {
  std::optional<Json> value;          // absent when there are problems
  std::vector<LoadProblem> problems;  // in text order
  Positions positions;                // with KeepPositions::Yes, where each value is written
};

// Whether to record where each value is written (cfn/positions.hpp): for those that cite
// the document's lines (import's refusals); a side table as large as the document.
enum class KeepPositions : bool { No, Yes };

enum class DocumentSyntax { Json, Yaml };

// JSON when the first significant character opens an object or a list, else YAML.
DocumentSyntax detect_syntax(std::string_view text);

// Parses one document. A UTF-8 byte-order mark is skipped.
Loaded load_document(std::string_view text, const LoadLimits& limits = {}, KeepPositions keep = KeepPositions::No);

// A file read whole through the one safe reader (io/safe_read.hpp: a regular file, within
// the size limit, not under /proc, /sys or /dev), or why it could not be (an I/O problem).
struct ReadFile {
  std::optional<std::string> text;
  std::string error;  // "cannot read `x`: No such file or directory"
};
ReadFile read_document_file(const std::string& path, const LoadLimits& limits = {});

}  // namespace infrac::cfn
