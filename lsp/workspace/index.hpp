#pragma once
// Every name of a project and every place it is used, in the compiler's own terms
// (the syntax trees before the resolve phase substitutes and expands anything,
// spans in bytes). Definition, references, rename, hover and completion all read it.
#include <cstddef>
#include <string>
#include <vector>

#include "ast/ast.hpp"

namespace infrac::lsp {

enum class SymbolKind { Stack, Parameter, Mapping, Condition, Resource, Output, Let, Component, ComponentParam, Instance, LoopVariable, File };

std::string_view to_string(SymbolKind kind);

struct Symbol {
  SymbolKind kind = SymbolKind::Resource;
  std::string name;
  Span name_span;         // where it is declared (for File: nothing inside it)
  Span span;              // the whole declaration
  std::string container;  // the stack or component it belongs to; empty at file level
  std::string path;       // for File: the file named
  // The declaration itself, for hover (one of these is set, by kind).
  const ast::Parameter* parameter = nullptr;
  const ast::Resource* resource = nullptr;
  const ast::Output* output = nullptr;
  const ast::Mapping* mapping = nullptr;
  const ast::Condition* condition = nullptr;
  const ast::Let* let = nullptr;
  const ast::Component* component = nullptr;
  const ast::ComponentParam* component_param = nullptr;
  const ast::Use* use = nullptr;
  const ast::Stack* stack = nullptr;
};

// One use of a symbol. `span` is what the cursor may be on; `edit` is the part a rename
// replaces (the `Name` of `<<Name>>`, the `VpcId` of `network.VpcId`, the `Group` of an
// instance's `AppGroup`).
struct Occurrence {
  Span span;
  Span edit;
  std::size_t symbol = 0;
  bool declaration = false;
};

// The names visible inside a stack's or component's body (its declarations, loops' included;
// a component's parameters; the file's lets and components; what the file imports), or at
// the level of a file (container empty), the innermost first: what completion offers there.
// Loop variables are not here: completion reads them from the `for` lines around the cursor.
struct VisibleNames {
  FileId file = 0;
  std::string container;
  std::vector<std::size_t> symbols;
};

struct Index {
  std::vector<Symbol> symbols;
  std::vector<Occurrence> occurrences;  // declarations included
  std::vector<VisibleNames> visible;

  // The names visible in the body named `container` of `file` ("" for the file level).
  const VisibleNames* visible_in(FileId file, std::string_view container) const;

  // The occurrence whose span holds `offset` of `file` (the innermost, when several do).
  const Occurrence* at(FileId file, std::uint32_t offset) const;
  std::vector<const Occurrence*> of(std::size_t symbol) const;
};

// Whether `name` is one a loop makes from `pattern` (`PublicSubnet<<Zone.Suffix>>Id`).
bool matches_template(std::string_view pattern, std::string_view name);

// Indexes `modules` (roots and imports, after load_imports and load_files, before lets
// are substituted); `sources` gives the text that spans point into.
Index build_index(const std::vector<ast::Module>& modules, const SourceManager& sources);

}  // namespace infrac::lsp
