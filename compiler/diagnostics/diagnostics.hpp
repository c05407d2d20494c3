#pragma once
// Diagnostics are data: every phase appends to one collection, nothing throws
// for a user error, and the driver renders them all at the end.
#include <optional>
#include <string>
#include <vector>

#include "source/source_file.hpp"

namespace infrac {

enum class Severity { Error, Warning, Note };

struct DiagnosticNote {
  std::optional<Span> span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::optional<Span> span;  // absent for problems with no source location
  std::string path;          // used when span is absent (a file that cannot be read)
  std::string message;
  std::vector<DiagnosticNote> notes;
};

class Diagnostics {
 public:
  Diagnostic& error(Span span, std::string message);
  Diagnostic& warning(Span span, std::string message);
  Diagnostic& error_without_location(std::string path, std::string message);
  Diagnostic& add(Diagnostic diagnostic);

  // Adds `note` to every diagnostic reported since `mark` (a count from all().size()).
  void add_note_since(std::size_t mark, const DiagnosticNote& note);

  // --werror: every warning becomes an error.
  void promote_warnings();

  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }

  // Sorted by file and position, exact repeats removed; stable for equal positions.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return items_; }

  // Source ranges that hold secrets (the default of a no_echo parameter):
  // renderers print them masked, whatever diagnostic shows their line.
  void mark_secret(Span span) { secrets_.push_back(span); }
  const std::vector<Span>& secrets() const { return secrets_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<Span> secrets_;
};

// "did you mean" support: the closest candidate by edit distance, if close enough.
std::optional<std::string> closest_name(const std::string& wanted, const std::vector<std::string>& candidates);
void add_did_you_mean(Diagnostic& diagnostic, const std::string& wanted, const std::vector<std::string>& candidates);

}  // namespace infrac
