#include "diff/compare.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cfn/equality.hpp"
#include "cfn/intrinsics.hpp"
#include "cfn/load.hpp"
#include "cfn/text.hpp"
#include "diff/align.hpp"
#include "diff/lines.hpp"

namespace infrac::diff {
namespace {

bool is_intrinsic(const Json& v) {
  return v.is_object() && v.size() == 1 && (cfn::find_intrinsic(v.begin().key()) != nullptr);
}

// Whether a changed intrinsic is worth comparing inside (Fn::If's branches, Fn::Join's pieces)
// rather than shown whole (a Ref, a GetAtt, any function of plain values).
bool has_structure(const Json& intrinsic) {
  const Json& argument = intrinsic.begin().value();
  if (argument.is_object()) return true;
  return argument.is_array() && std::any_of(argument.begin(), argument.end(), [](const Json& x) { return x.is_structured(); });
}

// A string that holds a JSON object or list (an IAM policy written as text).
std::optional<Json> embedded_json(const Json& v) {
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  std::size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || (s[first] != '{' && s[first] != '[')) return std::nullopt;
  cfn::Loaded parsed = cfn::load_document(s);  // with the loader's depth and size limits
  return parsed.value;
}

std::string form_name(const cfn::DecodedText& t) { return t.base64 ? "Fn::Base64 of " + t.form : t.form; }

void push(std::vector<ValueChange>& out, const std::vector<std::string>& path, Change change, const Json& a, const Json& b) {
  ValueChange c;
  c.path = path;
  c.change = change;
  c.old_value = a;
  c.new_value = b;
  out.push_back(std::move(c));
}

}  // namespace

std::optional<TextDiff> text_diff(const Json& old_value, const Json& new_value) {
  auto a = cfn::decode_text(old_value);
  auto b = cfn::decode_text(new_value);
  if (!a || !b || (!cfn::is_multiline_text(*a) && !cfn::is_multiline_text(*b))) return std::nullopt;
  TextDiff diff;
  diff.form = form_name(*b);
  diff.hunks = diff_lines(a->text, b->text);
  return diff;
}

void compare_values(const Json& a, const Json& b, std::vector<std::string>& path, std::vector<ValueChange>& out) {
  if (cfn::equal(a, b)) return;
  if (auto text = text_diff(a, b)) {
    ValueChange c;
    c.path = path;
    c.old_value = a;
    c.new_value = b;
    c.text = std::move(text);
    out.push_back(std::move(c));
    // Fn::Sub's own variables are values too: compare them as structure.
    auto da = cfn::decode_text(a);
    auto db = cfn::decode_text(b);
    if (!cfn::equal(da->variables, db->variables)) {
      path.push_back("Fn::Sub variables");
      compare_values(da->variables, db->variables, path, out);
      path.pop_back();
    }
    return;
  }
  bool same_intrinsic = is_intrinsic(a) && is_intrinsic(b) && a.begin().key() == b.begin().key() && has_structure(a) &&
                        has_structure(b);
  if (a.is_object() && b.is_object() && (same_intrinsic || (!is_intrinsic(a) && !is_intrinsic(b)))) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      path.push_back(it.key());
      auto other = b.find(it.key());
      if (other == b.end()) {
        push(out, path, Change::Removed, it.value(), nullptr);
      } else {
        compare_values(it.value(), *other, path, out);
      }
      path.pop_back();
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (a.find(it.key()) != a.end()) continue;
      path.push_back(it.key());
      push(out, path, Change::Added, nullptr, it.value());
      path.pop_back();
    }
    return;
  }
  if (a.is_array() && b.is_array()) {
    Alignment alignment = align_lists(a, b);
    for (const Aligned& item : alignment.items) {
      const Json& sample = item.new_index ? b[*item.new_index] : a[*item.old_index];
      path.push_back(alignment.key.empty()
                         ? fmt::format("[{}]", item.new_index ? *item.new_index : *item.old_index)
                         : fmt::format("[{}={}]", alignment.key, *cfn::scalar_text(sample.at(alignment.key))));
      if (item.old_index && item.new_index) {
        compare_values(a[*item.old_index], b[*item.new_index], path, out);
      } else if (item.old_index) {
        push(out, path, Change::Removed, a[*item.old_index], nullptr);
      } else {
        push(out, path, Change::Added, nullptr, b[*item.new_index]);
      }
      path.pop_back();
    }
    return;
  }
  auto ja = embedded_json(a);
  auto jb = embedded_json(b);
  if (ja && jb) {
    compare_values(*ja, *jb, path, out);
    return;
  }
  push(out, path, Change::Modified, a, b);
}

}  // namespace infrac::diff
