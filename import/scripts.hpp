#pragma once
// --scripts DIR: the texts of several lines in a resource (user data, inline code, cfn-init
// files) as files beside the .infra file, read back with file("DIR/..."), so that they
// are scripts a shell checker and an editor can open. Private to import/.
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "import/import.hpp"

namespace infrac::importer {

class ScriptWriter {
 public:
  ScriptWriter(std::string dir, std::vector<ScriptFile>& files) : dir_(std::move(dir)), files_(files) {}

  // Replaces each text block in `value` (a property or attribute of `resource`; `key` its
  // name) by file("DIR/<Resource>-<name>.<ext>"); `runtime` is a Lambda's Runtime, if any.
  void extract(ast::Expr& value, const std::string& resource, const std::string& key, const std::string& runtime);

 private:
  std::string dir_;
  std::vector<ScriptFile>& files_;

  std::string file_name(const std::string& resource, const std::string& key, const std::string& text, const std::string& runtime);
};

}  // namespace infrac::importer
