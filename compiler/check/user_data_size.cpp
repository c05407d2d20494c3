#include "check/user_data_size.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "ast/lookup.hpp"
#include "check/instance_notes.hpp"
#include "diagnostics/warning_kinds.hpp"
#include "io/number.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

constexpr std::size_t kMaxUserDataBytes = 16 * 1024;
// Less room than this left for values of unknown length is worth a warning.
constexpr std::size_t kUnboundedHeadroom = 1024;

// The longest value of each pseudo parameter, over every partition (botocore's endpoints).
std::optional<std::size_t> pseudo_parameter_length(const std::string& name) {
  static const std::map<std::string, std::size_t> lengths = {
      {"AWS::AccountId", 12},   // 123456789012
      {"AWS::Region", 15},      // us-isof-south-1
      {"AWS::Partition", 10},   // aws-us-gov
      {"AWS::URLSuffix", 16},   // amazonaws.com.cn
      {"AWS::StackName", 128},  // CloudFormation's limit
      // arn:aws-us-gov:cloudformation:us-isof-south-1:123456789012:stack/<128>/<uuid>
      {"AWS::StackId", 4 + 10 + 16 + 15 + 1 + 12 + 7 + 128 + 1 + 36},
  };
  auto it = lengths.find(name);
  if (it == lengths.end()) return std::nullopt;
  return it->second;
}

// The longest value a parameter can take, from `max_length` or `allowed_values`.
std::optional<std::size_t> parameter_length(const ast::Parameter& p) {
  std::optional<std::size_t> bound;
  if (const ast::Attribute* a = ast::find_attribute(p.attributes, "max_length"); a && a->value.kind == Kind::Number) {
    // `-1`, `1.5` or `1e3` bound nothing (the parameter checks report them); strtoull read `-1` as 2^64-1.
    bound = io::parse_integer<std::size_t>(a->value.text);
  }
  if (const ast::Attribute* a = ast::find_attribute(p.attributes, "allowed_values"); a && a->value.kind == Kind::List) {
    std::size_t longest = 0;
    for (const auto& v : a->value.items) {
      if (v.kind != Kind::String && v.kind != Kind::Number) return bound;
      longest = std::max(longest, v.text.size());
    }
    bound = bound ? std::min(*bound, longest) : longest;
  }
  return bound;
}

struct Size {
  std::size_t bytes = 0;  // literal text plus bounded values at their longest
  std::vector<std::string> bounded;    // "`AWS::Region` at 15 characters (3 times)"
  std::vector<std::string> unbounded;  // "`Queue.Arn`"
};

Size measure(const ast::Expr& text, const ast::Stack& stack) {
  Size size;
  if (text.kind == Kind::String) {
    size.bytes = text.text.size();
    return size;
  }
  std::map<std::string, std::pair<std::size_t, int>> bounded;  // name -> length, uses
  std::vector<std::string> bounded_order;
  for (const auto& part : text.parts) {
    if (part.kind == ast::TextPart::Kind::Literal) {
      size.bytes += part.text.size();
      continue;
    }
    std::string spelled = part.text + (part.attribute.empty() ? "" : "." + part.attribute);
    std::optional<std::size_t> length;
    if (part.attribute.empty()) {
      length = pseudo_parameter_length(part.text);
      for (const auto& p : stack.parameters) {
        if (p.name == part.text) length = parameter_length(p);
      }
    }
    if (!length) {
      std::string quoted = "`" + spelled + "`";
      if (std::find(size.unbounded.begin(), size.unbounded.end(), quoted) == size.unbounded.end()) size.unbounded.push_back(quoted);
      continue;
    }
    size.bytes += *length;
    auto [it, inserted] = bounded.emplace(spelled, std::pair{*length, 0});
    if (inserted) bounded_order.push_back(spelled);
    ++it->second.second;
  }
  for (const auto& name : bounded_order) {
    auto [length, uses] = bounded.at(name);
    size.bounded.push_back(fmt::format("`{}` at {} characters{}", name, length, uses > 1 ? fmt::format(" ({} times)", uses) : ""));
  }
  return size;
}

std::string listing(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

void check_text(const ast::Expr& text, const ast::Stack& stack, Diagnostics& diagnostics) {
  if (text.kind != Kind::String && text.kind != Kind::Text) return;
  Size size = measure(text, stack);
  if (size.bytes > kMaxUserDataBytes) {
    bool exact = size.bounded.empty() && size.unbounded.empty();
    auto& d = diagnostics.error(text.span, fmt::format("user data is {}{} bytes; EC2 accepts at most {} before base64 encoding",
                                                       exact ? "" : size.unbounded.empty() ? "up to " : "at least ", size.bytes,
                                                       kMaxUserDataBytes));
    if (!size.bounded.empty()) d.notes.push_back({std::nullopt, "counting " + listing(size.bounded) + ", their longest values"});
    if (!size.unbounded.empty()) d.notes.push_back({std::nullopt, "not counting " + listing(size.unbounded) + ", whose length is not bounded"});
    d.notes.push_back({std::nullopt, "fetch the rest at boot (from S3, say) and keep only a loader in the user data"});
  } else if (!size.unbounded.empty() && size.bytes + kUnboundedHeadroom > kMaxUserDataBytes) {
    auto& d = diagnostics.warning(text.span, fmt::format("user data is {} bytes before the values of {}, whose length is not bounded; "
                                                         "EC2 accepts at most {} before base64 encoding",
                                                         size.bytes, listing(size.unbounded), kMaxUserDataBytes),
                                  warning_kind::kUserDataSize);
    if (!size.bounded.empty()) d.notes.push_back({std::nullopt, "counting " + listing(size.bounded) + ", their longest values"});
    d.notes.push_back({std::nullopt, "bound a parameter with `max_length` or `allowed_values`, or fetch part of the script at boot"});
  }
}

void check_value(const std::string& key, const ast::Expr& value, const ast::Stack& stack, Diagnostics& diagnostics) {
  if (key == "UserData") {
    const ast::Expr* text = &value;
    if (value.kind == Kind::Call && value.name == "base64" && value.items.size() == 1) text = &value.items[0];
    check_text(*text, stack, diagnostics);
  }
  for (const auto& entry : value.entries) check_value(entry.key, entry.value, stack, diagnostics);
  for (const auto& item : value.items) check_value({}, item, stack, diagnostics);
}

}  // namespace

void check_user_data_sizes(const ast::Stack& stack, Diagnostics& diagnostics) {
  for (const auto& r : stack.resources) {
    InstanceNotes notes(diagnostics, r.instantiated_at);
    for (const auto& p : r.properties) check_value(p.name, p.value, stack, diagnostics);
  }
}

}  // namespace infrac
