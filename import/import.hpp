#pragma once
// `infrac import`: a CloudFormation template (the one model, cfn/json.hpp, as cfn/load.hpp
// reads JSON or YAML) and its stack policy in, one infra stack out, the infra a person
// would write: references as names, intrinsic functions as calls, Fn::Sub and Fn::Join
// texts as strings or text blocks with <<Name>>, the policy as a `policy` block, printed
// by the one printer (format/). Then proven: the source is compiled back and must give
// the same template and the same policy (verify.hpp).
//
//   import_template(template, policy, options) -> Imported {module, source, scripts, problems}
//   verify_import(imported, template, policy)  -> Verification {diagnostics, differences}
//
// What infra cannot say is a problem naming the construct and its place in the template
// (a JSON pointer; the command cites it at its line and column), never a silently
// different template.
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/json.hpp"

namespace infrac::importer {

struct ImportOptions {
  std::string stack_name = "imported";  // the infra stack's name
  // --scripts DIR: texts of several lines that are scripts (user data, inline code) go to
  // files in this directory, named after their resource and property, read with file();
  // the path is as the .infra file names it (relative to its directory). Empty: text blocks.
  std::string scripts_dir;
};

// Something of the template that infra cannot express, or that is not a template.
struct ImportProblem {
  enum class Document { Template, Policy };
  Document document = Document::Template;
  Json::json_pointer at;  // where in that document ("/Resources/Fn/Properties/Code")
  std::string message;    // lowercase, code in backticks
};

struct ScriptFile {
  std::string path;  // relative to the .infra file, as file() names it
  std::string text;
};

struct Imported {
  ast::Module module;               // the stack (spans numbered by the importer, no source)
  std::string source;               // the module printed as `infrac fmt` prints
  std::vector<ScriptFile> scripts;  // with --scripts
  std::vector<ImportProblem> problems;  // when not empty, nothing else is meaningful
};

// `policy` is the stack policy document, or nothing: a stack without a policy allows
// every update, which infra writes out as `allow * "*"`.
Imported import_template(const Json& template_body, const std::optional<Json>& policy, const ImportOptions& options = {});

}  // namespace infrac::importer
