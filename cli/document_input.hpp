#pragma once
// A CloudFormation document (a template, a stack policy) read from a file, JSON or YAML
// (cfn/load.hpp), its problems printed clang-style with the source line. diff and import.
#include <optional>
#include <ostream>
#include <string>

#include "cfn/json.hpp"
#include "cfn/load.hpp"

namespace infrac {

struct LoadedDocument {
  std::optional<Json> value;
  int status = 0;  // when there is no value: kExitUsageOrIo (unreadable) or kExitInputErrors (malformed)
  // With KeepPositions::Yes: the text and where each value is written in it, for citing lines.
  std::string text;
  cfn::Positions positions;
};

LoadedDocument load_document_file(const std::string& path, const std::string& display, std::ostream& err, bool colour,
                                  cfn::KeepPositions keep = cfn::KeepPositions::No);
// The same for a text already in hand (a deployed stack's template, named `display`).
LoadedDocument load_document_text(const std::string& text, const std::string& display, std::ostream& err, bool colour,
                                  cfn::KeepPositions keep = cfn::KeepPositions::No);

// The name of the stack a template file holds, as infra and CloudFormation name stacks
// ([A-Za-z][A-Za-z0-9-]*): "web-app" for "web_app.template.yaml"; "imported" when the
// file name has no letter. diff names a template side by it, import the stack it writes.
std::string template_stack_name(const std::string& path);

}  // namespace infrac
