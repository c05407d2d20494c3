#pragma once
// The language server's feature API, in the compiler's own types: files are paths,
// places are byte offsets, answers are spans, diagnostics and syntax trees. It keeps
// the editor's open buffers and runs the compiler's front end on the unsaved state of
// a whole project: the buffers stand in for the files on disk (SourceManager's
// unsaved texts), for the roots, their imports and their file() texts alike.
//
// A project is the directory of a file: its .infra files, on disk or open, as
// `infrac check DIR` compiles them. Nothing here knows JSON or UTF-16.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "diagnostics/diagnostics.hpp"
#include "io/safe_read.hpp"
#include "lsp/workspace/index.hpp"
#include "spec/resource_spec.hpp"

namespace infrac::lsp {

struct Document {
  std::string text;
  std::int64_t version = 0;
};

// A place in a file, by path: what definition, references and rename answer.
struct FileRange {
  std::string path;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const FileRange&, const FileRange&) = default;
};

// One diagnostic of one file, with its notes' places resolved to paths.
struct FileDiagnostic {
  Severity severity = Severity::Error;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string message;
  struct Note {
    std::optional<FileRange> at;
    std::string message;
  };
  std::vector<Note> notes;
  std::optional<std::string> did_you_mean;  // the replacement a note suggests
};

// Every file the check of a project said something about (or that belongs to it, with
// nothing said: an empty list clears it), with the version of the buffer checked.
struct ProjectDiagnostics {
  std::map<std::string, std::vector<FileDiagnostic>> files;
  std::map<std::string, std::int64_t> versions;  // open buffers only
  bool cancelled = false;                        // the check was stopped: nothing to publish
};

// A project's files parsed from the buffers, imports and file() texts loaded, indexed.
struct Analysis {
  SourceManager sources;
  std::vector<ast::Module> modules;
  Index index;
  std::optional<FileId> file_of(const std::string& path) const;
};

struct HoverInfo {
  std::string markdown;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class CompletionKind { Keyword, Type, Property, Value, Name, Function, Attribute };

struct CompletionItem {
  std::string label;
  CompletionKind kind = CompletionKind::Name;
  std::string detail;
  std::string sort;  // sort key: required properties before the others
  std::string insert;  // text inserted, when it differs from the label
};

struct Completion {
  std::uint32_t replace_begin = 0;  // the word under the cursor, which an item replaces
  std::uint32_t replace_end = 0;
  std::vector<CompletionItem> items;
};

struct OutlineSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::Resource;
  std::uint32_t begin = 0, end = 0;            // the whole declaration
  std::uint32_t name_begin = 0, name_end = 0;  // its name
  std::vector<OutlineSymbol> children;
};

struct TextEdit {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string text;
};

struct CodeActionFix {
  std::string title;
  std::string path;
  TextEdit edit;
  std::uint32_t diagnostic_begin = 0;
  std::uint32_t diagnostic_end = 0;
  std::string diagnostic_message;
};

struct WorkspaceOptions {
  bool use_spec = true;
  // With use_spec: a specification already loaded, copied instead of loading one (a copy
  // shares the mapped file and the records parsed so far): the fuzzer's sessions, one load
  // per process. Null: the workspace loads its own.
  const ResourceSpec* spec = nullptr;
};

class Workspace {
 public:
  explicit Workspace(WorkspaceOptions options = {});

  // Paths are absolute; they are normalised here. Returns false for an edit older than the buffer.
  void open(const std::string& path, std::string text, std::int64_t version);
  bool change(const std::string& path, std::string text, std::int64_t version);
  void close(const std::string& path);
  const Document* document(const std::string& path) const;
  std::vector<std::string> open_paths() const;

  // The buffer of an open file, else the file on disk, read as the compiler reads its inputs
  // (io::read_input: at most limits::kSourceBytes, a regular file, never /proc, /sys or /dev);
  // nothing when it cannot be read.
  std::optional<std::string> text(const std::string& path) const;
  // The open buffers, standing in for the files on disk in every read of the compiler.
  io::UnsavedTexts unsaved() const;

  // The .infra files of the project `path` belongs to.
  std::vector<std::string> project_files(const std::string& path) const;

  // The whole compiler on the project's unsaved state. `cancelled` is asked between the
  // compiler's steps (CompileOptions::cancelled); when it says true the check stops there.
  ProjectDiagnostics diagnose(const std::string& path, std::function<bool()> cancelled = {}) const;

  // Features at a byte offset of an open (or readable) file.
  std::optional<HoverInfo> hover(const std::string& path, std::uint32_t offset);
  std::vector<FileRange> definition(const std::string& path, std::uint32_t offset);
  std::vector<FileRange> references(const std::string& path, std::uint32_t offset, bool include_declaration);
  // The name a rename at `offset` would change, or nothing when nothing renameable is there.
  std::optional<FileRange> rename_target(const std::string& path, std::uint32_t offset);
  // Edits per file; an error message when the new name cannot be used.
  std::map<std::string, std::vector<TextEdit>> rename(const std::string& path, std::uint32_t offset, const std::string& new_name,
                                                      std::string& error);
  Completion complete(const std::string& path, std::uint32_t offset);
  std::vector<OutlineSymbol> outline(const std::string& path);
  // The changes `infrac fmt` makes to the text of `path` (format/), as edits of the lines that
  // change; with `range` (byte offsets), only the edits that touch it. Nothing when the text
  // cannot be read or does not parse.
  std::optional<std::vector<TextEdit>> formatting(const std::string& path,
                                                  std::optional<std::pair<std::uint32_t, std::uint32_t>> range = {}) const;
  std::vector<CodeActionFix> fixes(const std::string& path, std::uint32_t begin, std::uint32_t end) const;

  // A workspace holding the same buffers and nothing else (no cache), for a check on another
  // thread while the editing goes on.
  Workspace buffers_only() const;

  // The analysis of the project `path` belongs to, built again only after an edit.
  std::shared_ptr<const Analysis> analysis(const std::string& path);
  const ResourceSpec* spec() const { return spec_ ? &*spec_ : nullptr; }

 private:
  Workspace(WorkspaceOptions options, std::nullptr_t);  // without loading the specification

  WorkspaceOptions options_;
  std::map<std::string, Document> documents_;
  std::optional<ResourceSpec> spec_;
  std::uint64_t generation_ = 0;  // bumped by every edit
  struct Cached {
    std::uint64_t generation = 0;
    std::shared_ptr<const Analysis> analysis;
  };
  std::map<std::string, Cached> analyses_;  // by project directory
};

// The normal form of a path that documents and the compiler's reads are matched by.
std::string normal_path(const std::string& path);

}  // namespace infrac::lsp
