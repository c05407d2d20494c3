#include "diagnostics/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace infrac {

Diagnostic& Diagnostics::add(Diagnostic diagnostic) {
  if (is_silenced(diagnostic)) {
    overflow_ = std::move(diagnostic);
    return overflow_;
  }
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
  return add({Severity::Error, span, std::move(path), std::move(message), {}, {}});
}

Diagnostic& Diagnostics::error(Span span, std::string message) {
  return add({Severity::Error, span, {}, std::move(message), {}, {}});
}

Diagnostic& Diagnostics::warning(Span span, std::string message, std::string_view kind) {
  return add({Severity::Warning, span, {}, std::move(message), {}, std::string(kind)});
}

Diagnostic& Diagnostics::error_without_location(std::string path, std::string message) {
  return add({Severity::Error, std::nullopt, std::move(path), std::move(message), {}, {}});
}

namespace {
bool same_note(const DiagnosticNote& a, const DiagnosticNote& b) {
  return a.message == b.message && a.span.has_value() == b.span.has_value() &&
         (!a.span || (a.span->file == b.span->file && a.span->begin == b.span->begin));
}
}  // namespace

void Diagnostics::add_note_since(std::size_t mark, const DiagnosticNote& note) {
  for (std::size_t i = mark; i < items_.size(); ++i) {
    auto& notes = items_[i].notes;
    if (std::none_of(notes.begin(), notes.end(), [&](const DiagnosticNote& n) { return same_note(n, note); })) notes.push_back(note);
  }
}

bool Diagnostics::is_silenced(const Diagnostic& d) const {
  if (d.severity != Severity::Warning || d.kind.empty() || !d.span) return false;
  return std::any_of(silenced_.begin(), silenced_.end(), [&](const Silenced& s) {
    return s.kind == d.kind && s.region.file == d.span->file && s.region.begin <= d.span->begin && d.span->end <= s.region.end;
  });
}

void Diagnostics::silence(Span region, std::string kind) {
  silenced_.push_back({region, std::move(kind)});
  auto first = std::remove_if(items_.begin(), items_.end(), [&](const Diagnostic& d) { return is_silenced(d); });
  warnings_ -= static_cast<std::size_t>(items_.end() - first);
  items_.erase(first, items_.end());
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
  // A repeat is dropped, but not what its notes add: the same problem in a component's
  // body, hit by several instances, names every instance.
  std::vector<Diagnostic> kept;
  for (auto& d : out) {
    if (kept.empty() || !same(kept.back(), d)) {
      kept.push_back(std::move(d));
      continue;
    }
    for (auto& note : d.notes) {
      auto& notes = kept.back().notes;
      if (std::none_of(notes.begin(), notes.end(), [&](const DiagnosticNote& n) { return same_note(n, note); })) notes.push_back(std::move(note));
    }
  }
  return kept;
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
