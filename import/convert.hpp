#pragma once
// The importer's state while it builds the module: what the template declares (to tell a
// parameter from a resource, and a Ref to nothing), the problems found, and the spans and
// comments of the module being built. Private to import/.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/references.hpp"
#include "import/import.hpp"
#include "import/text.hpp"

namespace infrac::importer {

using cfn::JsonPointer;

// Where a value stands decides what infra lets it hold.
enum class Place {
  Value,      // a property, an output, an attribute: anything
  Condition,  // the Conditions section: condition functions
  Rule,       // the Rules section: rule functions
  Literal,    // written out: parameter defaults, allowed values, mappings, stack metadata
};

struct Declared {
  std::map<std::string, std::string> parameters;  // name -> Type
  std::map<std::string, std::string> resources;   // name -> Type
  std::set<std::string> conditions;
  std::set<std::string> mappings;
  bool serverless = false;  // the template uses the SAM transform (AWS::Serverless-2016-10-31)

  bool is_list_parameter(const std::string& name) const;
  bool referable(const std::string& name) const;  // a parameter, a resource or a pseudo parameter
};

class Importer {
 public:
  Importer(const Declared& declared, std::vector<ImportProblem>& problems) : declared_(declared), problems_(problems) {}

  // The infra value for `value`, found at `at`. Hand-written intrinsics (functions infra has
  // no call for) are noted for the comment above the declaration or property holding them.
  ast::Expr value(const Json& value, const JsonPointer& at, Place place);
  // A text (Fn::Sub, Fn::Join or a literal) as a string, a text block, or a single reference.
  ast::Expr text(const std::vector<ast::TextPart>& parts);

  void problem(const JsonPointer& at, std::string message);
  // Notes collected since the last call (each once), for a comment.
  std::vector<std::string> take_notes();

  // Spans, numbered in printing order: the printer places the comments by them.
  std::uint32_t position() { return next_++; }
  void comment(ast::Module& module, const std::string& text);

  const Declared& declared() const { return declared_; }

  // The loop variables of the `Fn::ForEach` loops being imported (innermost last): a name
  // a value may refer to, and `${Id}` / `&{Id}` of names and texts read as `<<Id>>`.
  struct LoopVariable {
    std::string name;
    bool alphanumeric = true;  // every item is letters and digits, so `&{Id}` is the item as it is
  };
  void enter_loop(LoopVariable variable) { loops_.push_back(std::move(variable)); }
  void leave_loop() { loops_.pop_back(); }
  bool in_loop() const { return !loops_.empty(); }
  // A parameter, resource, pseudo parameter or loop variable.
  bool referable(const std::string& name) const;
  // `text` (a key of a loop's fragment, or the Fn::Sub naming a resource) as an infra name:
  // `${Id}` and `&{Id}` of the loops' variables as `<<Id>>`; nothing (and a problem) when
  // something else is left.
  std::optional<std::string> loop_name(const std::string& text, const JsonPointer& at);
  // The problem of an `Fn::ForEach` where infra's `for` cannot stand (a resource's properties).
  void for_each_in_value(const JsonPointer& at);
  // For a name the template does not declare, under the SAM transform: why it may be SAM's.
  std::string sam_made() const;

 private:
  const Declared& declared_;
  std::vector<ImportProblem>& problems_;
  std::vector<std::string> notes_;
  std::uint32_t next_ = 1;
  std::vector<LoopVariable> loops_;

  const LoopVariable* loop_variable(const std::string& name) const;
  // An Fn::Sub text inside a loop with its `&{Id}` as `${Id}` (a problem when the items are not
  // all letters and digits), so the text reads `<<Id>>` there.
  Json loop_sub(const Json& argument, const JsonPointer& at);

  ast::Expr intrinsic(const std::string& key, const Json& argument, const JsonPointer& at, Place place);
  ast::Expr reference(const std::string& name, const std::string& attribute, const JsonPointer& at);
  std::optional<ast::TextPart> text_part(const Piece& piece) const;
  std::optional<ast::Expr> text_of(const Json& value);
  // Fn::Sub's [text, variables] with the variables that are written-out values or references
  // written into the text (`${Res.Attr}`, a literal), the computed ones kept, unused ones dropped.
  Json inline_sub_variables(const std::string& text, const Json& variables) const;
  std::optional<ast::Expr> joined_texts(const Json& argument, const JsonPointer& at);
  ast::Expr hand_written(const std::string& key, const Json& argument, const JsonPointer& at, const std::string& why);
  ast::Expr call(const std::string& name, std::vector<ast::Expr> arguments);
  ast::Expr name_argument(const Json& argument, const JsonPointer& at, const char* what);
};

// Small builders of syntax-tree values.
ast::Expr string_expr(std::string text);
ast::Expr reference_expr(std::string name, std::string attribute = {});
ast::Expr list_expr(std::vector<ast::Expr> items);
ast::Expr map_expr(std::vector<ast::MapEntry> entries);
ast::MapEntry entry(std::string key, ast::Expr value);
// Whether infra may write `name` bare: a logical id, a property name, an attribute keyword.
bool is_identifier(const std::string& name);

}  // namespace infrac::importer
