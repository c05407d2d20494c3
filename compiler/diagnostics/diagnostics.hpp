#pragma once
// Diagnostics are data: every phase appends to one collection, nothing throws
// for a user error, and the driver renders them all at the end.
#include <optional>
#include <string>
#include <string_view>
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
  // For a warning a declaration may silence (`silence "kind"`, check/silence.hpp): its kind.
  std::string kind;
};

class Diagnostics {
 public:
  Diagnostic& error(Span span, std::string message);
  Diagnostic& warning(Span span, std::string message, std::string_view kind = {});
  Diagnostic& error_without_location(std::string path, std::string message);
  Diagnostic& add(Diagnostic diagnostic);

  // Adds `note` to every diagnostic reported since `mark` (a count from all().size()).
  void add_note_since(std::size_t mark, const DiagnosticNote& note);

  // Warnings of `kind` whose place lies in `region` (a declaration that says
  // `silence "kind"`) are neither kept nor counted, also those already reported.
  void silence(Span region, std::string kind);

  // --werror: every warning becomes an error.
  void promote_warnings();

  // Counts every diagnostic reported, also those past the limit that were not kept.
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  bool has_errors() const { return error_count() > 0; }

  // Keeps at most `limit` diagnostics (0: all), like clang's -ferror-limit, so that a
  // broken input cannot make megabytes of output or quadratic work; the rest are
  // counted (dropped_errors, dropped_warnings) but not kept.
  void set_limit(std::size_t limit) { limit_ = limit; }
  std::size_t limit() const { return limit_; }
  std::size_t dropped_errors() const { return dropped_errors_; }
  std::size_t dropped_warnings() const { return dropped_warnings_; }

  // A file could not be read (exit status 2 rather than 1); the diagnostic says which.
  Diagnostic& input_failure(std::optional<Span> span, std::string path, std::string message);
  bool input_failed() const { return input_failed_; }

  // Sorted by file and position, exact repeats removed; stable for equal positions.
  std::vector<Diagnostic> sorted() const;
  const std::vector<Diagnostic>& all() const { return items_; }

  // Secrets (the default of a no_echo parameter): the source ranges that hold one,
  // and their values wherever they were written (a let's line, an imported file).
  // Every renderer prints them masked (SecretMask, diagnostics/secret_mask.hpp).
  void mark_secret(Span span) { secrets_.push_back(span); }
  void mark_secret_value(std::string value) { secret_values_.push_back(std::move(value)); }
  const std::vector<Span>& secrets() const { return secrets_; }
  const std::vector<std::string>& secret_values() const { return secret_values_; }

 private:
  std::vector<Diagnostic> items_;
  std::vector<Span> secrets_;
  std::vector<std::string> secret_values_;
  struct Silenced {
    Span region;
    std::string kind;
  };
  std::vector<Silenced> silenced_;
  bool is_silenced(const Diagnostic& d) const;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t limit_ = 0;
  std::size_t dropped_errors_ = 0;
  std::size_t dropped_warnings_ = 0;
  bool input_failed_ = false;
  Diagnostic overflow_;  // what a diagnostic past the limit is written into, then forgotten
};

// "did you mean" support: the closest candidate by edit distance, if close enough.
std::optional<std::string> closest_name(const std::string& wanted, const std::vector<std::string>& candidates);
void add_did_you_mean(Diagnostic& diagnostic, const std::string& wanted, const std::vector<std::string>& candidates);

}  // namespace infrac
