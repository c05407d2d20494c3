#include "diff/mask.hpp"

namespace infrac::diff {
namespace {

void mask(std::string& text, const cfn::SecretValues& secrets) { secrets.mask_in_place(text); }

void mask(std::vector<std::string>& texts, const cfn::SecretValues& secrets) {
  for (auto& t : texts) mask(t, secrets);
}

// Keys and values alike; a number or boolean whose text holds a secret becomes masked text.
void mask(Json& value, const cfn::SecretValues& secrets) {
  if (value.is_string()) {
    secrets.mask_in_place(value.get_ref<std::string&>());
  } else if (value.is_number() || value.is_boolean()) {
    std::string text = value.dump();
    if (std::string masked = secrets.mask(text); masked != text) value = masked;
  } else if (value.is_array()) {
    for (auto& item : value) mask(item, secrets);
  } else if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      Json item = it.value();
      mask(item, secrets);
      out[secrets.mask(it.key())] = std::move(item);
    }
    value = std::move(out);
  }
}

void mask(ValueChange& v, const cfn::SecretValues& secrets) {
  mask(v.path, secrets);
  mask(v.source, secrets);
  mask(v.old_value, secrets);
  mask(v.new_value, secrets);
  if (!v.text) return;
  mask(v.text->form, secrets);
  for (auto& hunk : v.text->hunks) {
    for (auto& line : hunk.lines) mask(line.text, secrets);
  }
}

void mask(std::vector<ValueChange>& values, const cfn::SecretValues& secrets) {
  for (auto& v : values) mask(v, secrets);
}

}  // namespace

void mask_secrets(StackDiff& stack, const cfn::SecretValues& secrets) {
  if (secrets.empty()) return;
  mask(stack.name, secrets);
  for (auto& d : stack.changes) {
    mask(d.name, secrets);
    mask(d.type, secrets);
    mask(d.source, secrets);
    mask(d.replaced_by, secrets);
    for (auto& r : d.reasons) mask(r.text, secrets);
    mask(d.values, secrets);
    mask(d.old_value, secrets);
    mask(d.new_value, secrets);
    if (d.verdict) mask(d.verdict->decided_by, secrets);
    mask(d.notes, secrets);
  }
  if (stack.policy) mask(stack.policy->statements, secrets);
  for (auto& p : stack.parameters_changed) {
    mask(p.name, secrets);
    mask(p.how, secrets);
  }
  mask(stack.parameters_resolved, secrets);
  for (auto& f : stack.findings) {
    mask(f.name, secrets);
    mask(f.message, secrets);
  }
}

}  // namespace infrac::diff
