#include "diagnostics/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace infrac {

Diagnostic& Diagnostics::add(Diagnostic diagnostic) {
  errors_ += diagnostic.severity == Severity::Error;
  warnings_ += diagnostic.severity == Severity::Warning;
  if (limit_ != 0 && items_.size() >= limit_) {
    dropped_errors_ += diagnostic.severity == Severity::Error;
    dropped_warnings_ += diagnostic.severity == Severity::Warning;
    overflow_ = std::move(diagnostic);
    return overflow_;
  }
  items_.push_back(std::move(diagnostic));
  return items_.back();
}

Diagnostic& Diagnostics::input_failure(std::optional<Span> span, std::string path, std::string message) {
  input_failed_ = true;
  return add({Severity::Error, span, std::move(path), std::move(message), {}});
}

Diagnostic& Diagnostics::error(Span span, std::string message) {
  return add({Severity::Error, span, {}, std::move(message), {}});
}

Diagnostic& Diagnostics::warning(Span span, std::string message) {
  return add({Severity::Warning, span, {}, std::move(message), {}});
}

Diagnostic& Diagnostics::error_without_location(std::string path, std::string message) {
  return add({Severity::Error, std::nullopt, std::move(path), std::move(message), {}});
}

void Diagnostics::add_note_since(std::size_t mark, const DiagnosticNote& note) {
  for (std::size_t i = mark; i < items_.size(); ++i) {
    auto& notes = items_[i].notes;
    bool repeated = std::any_of(notes.begin(), notes.end(), [&](const DiagnosticNote& n) {
      return n.message == note.message && n.span.has_value() == note.span.has_value() &&
             (!n.span || (n.span->file == note.span->file && n.span->begin == note.span->begin));
    });
    if (!repeated) notes.push_back(note);
  }
}

void Diagnostics::promote_warnings() {
  errors_ += warnings_;
  warnings_ = 0;
  dropped_errors_ += dropped_warnings_;
  dropped_warnings_ = 0;
  for (auto& d : items_) {
    if (d.severity == Severity::Warning) {
      d.severity = Severity::Error;
      d.message += " [--werror]";
    }
  }
}

namespace {
auto sort_key(const Diagnostic& d) {
  bool located = d.span.has_value();
  return std::tuple(located, located ? d.span->file : 0u, located ? d.span->begin : 0u, d.path);
}
}  // namespace

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
  auto same = [](const Diagnostic& a, const Diagnostic& b) {
    return sort_key(a) == sort_key(b) && a.severity == b.severity && a.message == b.message;
  };
  out.erase(std::unique(out.begin(), out.end(), same), out.end());
  return out;
}

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      char ca = a[i - 1], cb = b[j - 1];
      bool same_letter = ca == cb || (std::tolower(static_cast<unsigned char>(ca)) == std::tolower(static_cast<unsigned char>(cb)));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same_letter ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::optional<std::string> closest_name(const std::string& wanted, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  // Allow roughly one typo per three characters, as clang does.
  std::size_t limit = std::max<std::size_t>(1, (wanted.size() + 2) / 3);
  // Names longer than any logical id are typos of nothing; and the distance is quadratic.
  if (wanted.size() > 255) return best;
  for (const auto& candidate : candidates) {
    if (candidate == wanted || candidate.size() > 255) continue;
    std::size_t distance = edit_distance(wanted, candidate);
    if (distance <= limit && (!best || distance < best_distance || (distance == best_distance && candidate < *best))) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

void add_did_you_mean(Diagnostic& diagnostic, const std::string& wanted, const std::vector<std::string>& candidates) {
  if (auto near = closest_name(wanted, candidates)) {
    diagnostic.notes.push_back({std::nullopt, "did you mean `" + *near + "`?"});
  }
}

}  // namespace infrac
