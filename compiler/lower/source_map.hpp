#pragma once
// The side table from JSON paths of a lowered template (or policy) to the source
// they came from (shared/DECISIONS.md "One model of a template"): analyses that run
// on the template model (cfn/) report JSON pointers, and the compiler prints them
// at source lines through this table.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cfn/references.hpp"
#include "source/source_file.hpp"

namespace infrac {

// A JSON pointer as its text ("/Resources/Web/Properties"), the source map's key, grown
// one escaped token at a time as lowering descends. nlohmann's json_pointer copied its
// vector of tokens at each step and joined them again for every record: 12 % of a
// 500-resource build (bench/README.md). A path made with `off()` stays empty: lowering
// without a source map builds no paths.
class PointerText {
 public:
  PointerText() = default;
  explicit PointerText(const cfn::JsonPointer& pointer) : text_(pointer.to_string()) {}
  static PointerText off() {
    PointerText p;
    p.off_ = true;
    return p;
  }

  PointerText operator/(std::string_view token) const;
  PointerText operator/(std::size_t index) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  bool off_ = false;
};

class SourceMap {
 public:
  void record(const PointerText& at, Span span) { spans_[at.text()] = span; }
  void record(const cfn::JsonPointer& at, Span span) { spans_[at.to_string()] = span; }
  // `${Variable}` of the Fn::Sub text at `at`, made from the `<<Variable>>` written at `span`.
  void record_sub_variable(const PointerText& at, const std::string& variable, Span span) {
    sub_variables_[at.text() + '\n' + variable] = span;
  }

  // Every record of `relative`, a map made for a value lowered at the root (""), as
  // recorded for the same value lowered at `at`; `relative` is left empty.
  void add(SourceMap&& relative, const PointerText& at);

  // The span recorded for `at`, else for its nearest recorded ancestor.
  std::optional<Span> find(const cfn::JsonPointer& at) const;
  // Where a reference is written: its `<<Name>>` inside a text, or its path.
  std::optional<Span> find(const cfn::Reference& reference) const;
  bool empty() const { return spans_.empty(); }

 private:
  // Looked up by exact path only (find walks up the parents), so hashed: a record per
  // lowered value made this table 17 % of a 500-resource build as a std::map (bench/README.md).
  std::unordered_map<std::string, Span> spans_;
  std::unordered_map<std::string, Span> sub_variables_;

  std::optional<Span> find_text(std::string path) const;
};

}  // namespace infrac
