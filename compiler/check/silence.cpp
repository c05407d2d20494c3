#include "check/silence.hpp"

#include <algorithm>

#include "diagnostics/warning_kinds.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

void register_kind(const ast::Expr& value, Span region, Diagnostics& diagnostics) {
  const auto& kinds = warning_kind::all();
  if (value.kind == Kind::Invalid) return;
  if (value.kind == Kind::String && std::find(kinds.begin(), kinds.end(), value.text) != kinds.end()) {
    diagnostics.silence(region, value.text);
    return;
  }
  std::string listed;
  for (const auto& k : kinds) listed += std::string(listed.empty() ? "" : ", ") + "\"" + std::string(k) + "\"";
  auto& d = diagnostics.error(value.span, value.kind == Kind::String ? "`silence` names no warning `" + value.text + "`"
                                                                     : "`silence` takes the kind of a warning in quotes, or a list of them");
  if (value.kind == Kind::String) add_did_you_mean(d, value.text, {kinds.begin(), kinds.end()});
  d.notes.push_back({std::nullopt, "the warnings that can be silenced: " + listed});
}

void apply(const std::vector<ast::Attribute>& attributes, Span region, Diagnostics& diagnostics) {
  for (const auto& a : attributes) {
    if (a.keyword != "silence") continue;
    if (a.value.kind != Kind::List) {
      register_kind(a.value, region, diagnostics);
      continue;
    }
    for (const auto& item : a.value.items) register_kind(item, region, diagnostics);
  }
}

}  // namespace

void apply_silences(const ast::Stack& stack, Diagnostics& diagnostics) {
  for (const auto& p : stack.parameters) apply(p.attributes, p.span, diagnostics);
  for (const auto& r : stack.resources) apply(r.attributes, r.span, diagnostics);
  for (const auto& o : stack.outputs) apply(o.attributes, o.span, diagnostics);
}

}  // namespace infrac
