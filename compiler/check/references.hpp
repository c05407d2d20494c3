#pragma once
// Every name an expression refers to, however it is written: infra syntax (`Name`,
// `Name.Attr`, `<<Name>>`, ref(), get_att(), sub(), if(), condition(), find_in_map())
// and hand-written intrinsic maps (`{ Ref: "X" }`, `{ "Fn::GetAtt": "X.Arn" }`,
// `{ "Fn::Sub": [...] }`, `{ "Fn::If": [...] }`, `{ Condition: "C" }`) at any depth.
// There is one walker (cfn/references.hpp): the expression is lowered to its JSON
// with a source map, walked there, and each reference is given back with its span.
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.hpp"
#include "cfn/references.hpp"

namespace infrac {

struct SourceReference {
  cfn::ReferenceKind kind = cfn::ReferenceKind::Ref;
  std::string name;
  std::string attribute;
  Span span;  // where the name is written
  std::vector<cfn::Branch> under;  // the if() / Fn::If branches around it, outermost first
};

void for_each_source_reference(const ast::Expr& expr, const std::function<void(const SourceReference&)>& visit);

// The references of each top-level expression of one stack, found once and kept:
// declarations, conditional references, dependency cycles and usage all ask for the
// same ones, and each walk lowers the expression (a third of a 500-resource build
// when every check walked again, bench/README.md). check() keeps one per stack while
// it checks that stack; expressions are known by address, so the stack must not change.
class StackReferences {
 public:
  const std::vector<SourceReference>& of(const ast::Expr& expr);

 private:
  std::unordered_map<const ast::Expr*, std::vector<SourceReference>> found_;
};

// Of references found (StackReferences::of), the values only (Ref, GetAtt, `${Name}` of
// Fn::Sub): parameters, resources, pseudo parameters.
using ReferenceVisitor = std::function<void(const std::string& name, Span span)>;
void for_each_reference(const std::vector<SourceReference>& found, const ReferenceVisitor& visit);

// An `if(Condition, then, else)` around a reference: the reference is evaluated
// only when `Condition` is true (in `then`) or false (in `else`).
struct ReferenceGuard {
  std::string condition;
  bool holds = true;
};

// The same, with the `if` guards around each reference, outermost first.
using GuardedReferenceVisitor = std::function<void(const std::string& name, Span span, const std::vector<ReferenceGuard>& guards)>;
void for_each_guarded_reference(const std::vector<SourceReference>& found, const GuardedReferenceVisitor& visit);

// The `${Variable}` names of an Fn::Sub string (`${!Literal}` is text), as written: "Res.Attr" stays whole.
using cfn::for_each_sub_variable;

}  // namespace infrac
