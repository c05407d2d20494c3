#pragma once
// The syntax tree of one .infra file. It keeps every comment and the exact
// span of every node, because the formatter and the language server need them.
// No PEGTL type appears here: the parser converts its parse tree at once.
#include <optional>
#include <string>
#include <vector>

#include "source/source_file.hpp"

namespace infrac::ast {

struct Expr;
struct MapEntry;

// One piece of a text that may interpolate names: literal bytes or `<<Name>>`.
struct TextPart {
  enum class Kind { Literal, Reference };
  Kind kind = Kind::Literal;
  std::string text;       // the literal bytes, or the referenced name ("Res", "AWS::Region")
  std::string attribute;  // for `<<Res.Attr>>`: "Attr" (may contain dots); empty otherwise
  Span span;
};

struct Expr {
  enum class Kind {
    String,     // "..." without interpolation; value in `text`
    Text,       // interpolated text: a string with <<...>>, a ``` block, or a loaded file; pieces in `parts`
    Number,     // source spelling in `text`
    Bool,       // `boolean`
    List,       // `items`
    Map,        // `entries`
    Reference,  // `name` and optional `attribute`: a parameter, resource, pseudo parameter or attribute
    Call,       // `name(args...)`: intrinsic functions, file() and range()
    Spread,     // `...value` inside a list: `items[0]` is the value, a list spliced in by resolve
    Absent,     // a field a `for` item or an optional component parameter leaves out (`text`
                // names it); resolve drops the property, map entry or list item holding it
    Invalid,    // produced only after a reported error
  };
  Kind kind = Kind::Invalid;
  Span span;
  std::string text;
  bool boolean = false;
  std::string name;
  Span name_span;
  std::string attribute;
  std::vector<Expr> items;
  std::vector<MapEntry> entries;
  std::vector<TextPart> parts;
  // For Text: where the text came from, so that diagnostics can say so.
  enum class Origin { Inline, Block, File };
  Origin origin = Origin::Inline;
  std::string file_path;  // for Origin::File: the resolved path that was read
  std::string block_tag;  // for a Block a program made: the fence's tag (`sh`), for editors

  // An expression made by the compiler rather than parsed (an invalid placeholder, a text).
  // Defined below MapEntry: a body here would build a vector of an incomplete type (clang rejects it).
  static Expr made(Kind kind, Span span, std::string text = {});
};

struct MapEntry {
  std::string key;
  Span key_span;
  Expr value;
};

inline Expr Expr::made(Kind kind, Span span, std::string text) {
  Expr e;
  e.kind = kind;
  e.span = span;
  e.text = std::move(text);
  return e;
}

// `keyword value` inside a declaration: description, default, depends_on, update_policy...
struct Attribute {
  std::string keyword;
  Span keyword_span;
  Expr value;
  Span span;
  bool colon = false;  // written `keyword: value` in a parameter or output: reported by check
};

// `Name: value` inside a resource: a CloudFormation property.
struct Property {
  std::string name;
  Span name_span;
  Expr value;
};

struct TypeName {
  std::string text;  // normalised spelling, e.g. "List<AWS::EC2::Subnet::Id>"
  Span span;
};

// Where an instantiated declaration came from, innermost first, for diagnostics.
struct InstanceSite {
  std::string instance;
  std::string component;
  Span use_span;
};


struct Parameter {
  std::string name;
  Span name_span;
  TypeName type;
  std::optional<Expr> default_value;  // from `= value`
  std::vector<Attribute> attributes;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

struct Mapping {
  std::string name;
  Span name_span;
  Expr body;  // a Map of Maps
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

struct Condition {
  std::string name;
  Span name_span;
  Expr expression;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

struct Resource {
  std::string name;
  Span name_span;
  TypeName type;
  std::vector<Attribute> attributes;
  std::vector<Property> properties;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

struct Output {
  std::string name;
  Span name_span;
  Expr value;
  std::vector<Attribute> attributes;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

// `assert condition "description"` inside a rule.
struct RuleAssertion {
  Expr assertion;
  std::optional<Expr> description;
  Span span;
};

// `rule Name { when condition  assert ... }`: an entry of CloudFormation's Rules section.
struct Rule {
  std::string name;
  Span name_span;
  std::optional<Expr> condition;  // `when`: RuleCondition
  std::vector<RuleAssertion> assertions;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

enum class PolicyEffect { Allow, Deny };

struct PolicyAction {
  enum class Kind { Modify, Replace, Delete, All };
  Kind kind = Kind::All;
  Span span;
};

struct PolicyTarget {
  enum class Kind { Name, Pattern, Type };
  Kind kind = Kind::Name;
  bool negated = false;  // `not X`: becomes NotResource
  std::string text;      // logical id, logical-id pattern, or resource type (may hold *)
  Span span;
};

struct PolicyStatement {
  PolicyEffect effect = PolicyEffect::Allow;
  std::vector<PolicyAction> actions;
  std::vector<PolicyTarget> targets;
  std::vector<InstanceSite> instantiated_at;
  Span span;
};

struct Policy {
  std::vector<PolicyStatement> statements;
  Span span;
};

// `let Name = value`: replaced by its value where it is used (resolve phase).
struct Let {
  std::string name;
  Span name_span;
  Expr value;
  Span span;
};

struct Import {
  std::string path;  // as written: "common.infra" or "std/aws/network"
  Span path_span;
  Span span;
  std::string resolved_path;  // filled by the resolve phase: the imported file's canonical path
};

// `use Component as Instance { Arg: value }`
struct Use {
  std::string component;
  Span component_span;
  std::string instance;
  Span instance_span;
  std::vector<MapEntry> arguments;
  Span span;
};

struct Loop;

// A parameter of this stack that deploy fills with another stack's output.
struct StackInput {
  std::string parameter;
  std::string stack;
  std::string output;
};

// Another stack whose outputs this one uses, and where it first does.
struct StackDependency {
  std::string stack;
  Span span;
};

struct Stack {
  std::string name;
  Span name_span;
  std::vector<Attribute> attributes;  // description, metadata, transform
  std::vector<Parameter> parameters;
  std::vector<Mapping> mappings;
  std::vector<Condition> conditions;
  std::vector<Resource> resources;
  std::vector<Output> outputs;
  std::vector<Rule> rules;
  std::vector<Policy> policies;  // more than one is reported by the checker
  std::vector<Let> lets;
  std::vector<Use> uses;    // expanded away by the resolve phase
  std::vector<Loop> loops;  // expanded away by the resolve phase
  std::vector<StackInput> inputs;             // filled by the resolve phase (stack links)
  std::vector<StackDependency> dependencies;  // filled by the resolve phase (stack links)
  Span span;
};

// `for Variable in [items] { declarations }`
struct Loop {
  std::string variable;
  Span variable_span;
  Expr items;
  Stack body;
  Span span;
};

struct ComponentParam {
  std::string name;
  Span name_span;
  bool optional = false;  // `Name?`: may be left out, and then leaves out what uses it
  std::optional<TypeName> type;
  std::optional<Expr> default_value;
};

// `component Name(params) { declarations }`: the body is a stack without a name.
struct Component {
  std::string name;
  Span name_span;
  std::vector<ComponentParam> params;
  Stack body;
  Span span;
};

struct Comment {
  std::string text;  // including the leading '#'
  Span span;
};

struct Module {
  FileId file = 0;
  std::vector<Import> imports;
  std::vector<Let> lets;
  std::vector<Component> components;
  std::vector<Stack> stacks;
  std::vector<Comment> comments;
};

}  // namespace infrac::ast
