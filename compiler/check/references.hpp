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
#include "lower/source_map.hpp"
#include "lower/template_model.hpp"

namespace infrac {

struct SourceReference {
  cfn::ReferenceKind kind = cfn::ReferenceKind::Ref;
  std::string name;
  std::string attribute;
  Span span;  // where the name is written
  std::vector<cfn::Branch> under;  // the if() / Fn::If branches around it, outermost first
};

// The references of each top-level expression of one stack, found once and kept:
// declarations, conditional references, dependency cycles and usage all ask for the
// same ones, and each walk lowers the expression (a third of a 500-resource build
// when every check walked again, bench/README.md). check() makes one per stack and
// hands it on in the CheckedProgram, and lower() takes the lowered expressions from it
// instead of lowering them again (take_lowered). Expressions are known by address, so
// the stack must not change in between.
class StackReferences {
 public:
  const std::vector<SourceReference>& of(const ast::Expr& expr);

  // The JSON of `expr` as `of` lowered it, moved out, its source map recorded in
  // `sources` at `at`: what lower_expr(expr, sources, at) gives. Lowered here when `of`
  // never saw `expr`, or when it was taken before.
  Json take_lowered(const ast::Expr& expr, SourceMap& sources, const PointerText& at);
  // Frees the references once the stack is checked, keeping what lower() takes: every
  // stack's lowered expressions wait for lower(), and the references with them made a
  // 500-resource build fault in 100 more pages of heap.
  void drop_references();

 private:
  struct Found {
    std::vector<SourceReference> references;
    Json lowered;
    SourceMap sources;  // relative to the expression: its root is ""
    bool taken = false;
  };
  std::unordered_map<const ast::Expr*, Found> found_;
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
