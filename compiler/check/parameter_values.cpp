#include "check/parameter_values.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>

#include "ast/lookup.hpp"
#include "check/parameter_types.hpp"
#include "lower/lower_expr.hpp"

namespace infrac {
namespace {

bool is_no_echo(const ast::Parameter& p) {
  const ast::Attribute* a = ast::find_attribute(p.attributes, "no_echo");
  return a && a->value.kind == ast::Expr::Kind::Bool && a->value.boolean;
}

// The values CloudFormation checks: each element of a list type, else the value itself.
std::vector<std::string> default_values(const ast::Parameter& p, const ast::Expr& v) {
  std::vector<std::string> out;
  if (v.kind == ast::Expr::Kind::List) {
    for (const auto& item : v.items) out.push_back(scalar_text(item));
    return out;
  }
  std::string text = scalar_text(v);
  if (!is_list_parameter_type(p.type.text)) return {text};
  std::size_t start = 0;
  while (true) {
    std::size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// `-12`, `3.5`: what CloudFormation reads as a Number (no hex, spaces, `inf` or `1e3`).
bool is_plain_number(const std::string& v) {
  std::size_t i = v.size() > 0 && v[0] == '-' ? 1 : 0;
  std::size_t digits = 0, dots = 0;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9') {
      ++digits;
    } else if (v[i] == '.' && dots == 0 && digits > 0) {
      ++dots;
    } else {
      return false;
    }
  }
  return digits > 0 && v.back() != '.';
}

std::size_t character_count(const std::string& v) {
  return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

void check_parameter_default(const ast::Parameter& p, Diagnostics& diagnostics) {
  const ast::Expr* value = p.default_value ? &*p.default_value : nullptr;
  if (const ast::Attribute* a = ast::find_attribute(p.attributes, "default")) value = &a->value;
  if (!value || value->kind == ast::Expr::Kind::Invalid) return;
  // Never print a secret: a no_echo default is described, not quoted.
  const bool secret = is_no_echo(p);
  auto shown = [&](const std::string& v) { return secret ? std::string("the default") : "default \"" + v + "\""; };
  for (const std::string& v : default_values(p, *value)) {
    if (is_number_parameter_type(p.type.text)) {
      if (!is_plain_number(v)) {
        diagnostics.error(value->span, shown(v) + " of parameter `" + p.name + "` is not a number, but its type is `" + p.type.text + "`");
        continue;
      }
    }
    if (const ast::Attribute* allowed = ast::find_attribute(p.attributes, "allowed_values"); allowed && allowed->value.kind == ast::Expr::Kind::List) {
      bool listed = std::any_of(allowed->value.items.begin(), allowed->value.items.end(),
                                [&](const ast::Expr& item) { return scalar_text(item) == v; });
      if (!listed) {
        auto& d = diagnostics.error(value->span, shown(v) + " of parameter `" + p.name + "` is not one of its allowed_values");
        d.notes.push_back({allowed->value.span, "the allowed values are listed here"});
      }
    }
    if (const ast::Attribute* pattern = ast::find_attribute(p.attributes, "allowed_pattern"); pattern && pattern->value.kind == ast::Expr::Kind::String) {
      // RE2 runs in linear time, so a hostile pattern cannot hang the compiler.
      // Patterns RE2 cannot read (look-around, back-references) are left to CloudFormation.
      RE2::Options options;
      options.set_log_errors(false);
      RE2 re(pattern->value.text, options);
      if (re.ok() && !RE2::FullMatch(v, re)) {
        auto& d = diagnostics.error(value->span, shown(v) + " of parameter `" + p.name + "` does not match its allowed_pattern");
        d.notes.push_back({pattern->value.span, "CloudFormation requires the whole value to match this pattern"});
      }
    }
    auto bound = [&](const char* keyword, bool length, bool minimum) {
      const ast::Attribute* a = ast::find_attribute(p.attributes, keyword);
      if (!a || a->value.kind != ast::Expr::Kind::Number) return;
      double limit = std::strtod(a->value.text.c_str(), nullptr);
      double actual = 0;
      if (length) {
        actual = static_cast<double>(character_count(v));  // CloudFormation counts characters, not bytes
      } else {
        actual = std::strtod(v.c_str(), nullptr);
      }
      if (minimum ? actual < limit : actual > limit) {
        auto& d = diagnostics.error(value->span, fmt::format("{} of parameter `{}` is {} than its {} {}", shown(v), p.name,
                                                             length ? (minimum ? "shorter" : "longer") : (minimum ? "less" : "greater"),
                                                             keyword, a->value.text));
        d.notes.push_back({a->value.span, std::string(keyword) + " is set here"});
      }
    };
    bound("min_length", true, true);
    bound("max_length", true, false);
    if (p.type.text == "Number") {
      bound("min_value", false, true);
      bound("max_value", false, false);
    }
  }
}

}  // namespace infrac
