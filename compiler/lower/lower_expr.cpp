#include "lower/lower_expr.hpp"

#include <charconv>
#include <cstdlib>
#include <map>
#include <string_view>

namespace infrac {
namespace {

Json number_json(const std::string& text) {
  if (text.find('.') == std::string::npos) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
    std::uint64_t unsigned_value = 0;
    auto [unsigned_end, unsigned_error] = std::from_chars(text.data(), text.data() + text.size(), unsigned_value);
    if (unsigned_error == std::errc() && unsigned_end == text.data() + text.size()) return unsigned_value;
  }
  // Decimals, and integers beyond 64 bits, become doubles as in any JSON reader.
  return Json(std::strtod(text.c_str(), nullptr));
}

Json reference_json(const std::string& name, const std::string& attribute) {
  if (attribute.empty()) return Json{{"Ref", name}};
  return Json{{"Fn::GetAtt", Json::array({name, attribute})}};
}

const std::map<std::string, std::string>& intrinsic_names() {
  static const std::map<std::string, std::string> names = {
      {"base64", "Fn::Base64"},   {"cidr", "Fn::Cidr"},       {"find_in_map", "Fn::FindInMap"}, {"get_att", "Fn::GetAtt"},
      {"get_azs", "Fn::GetAZs"},  {"import_value", "Fn::ImportValue"}, {"join", "Fn::Join"},   {"select", "Fn::Select"},
      {"split", "Fn::Split"},     {"sub", "Fn::Sub"},         {"if", "Fn::If"},                 {"equals", "Fn::Equals"},
      {"and", "Fn::And"},         {"or", "Fn::Or"},           {"not", "Fn::Not"},               {"condition", "Condition"},
      {"ref", "Ref"},             {"contains", "Fn::Contains"}, {"each_member_equals", "Fn::EachMemberEquals"},
      {"each_member_in", "Fn::EachMemberIn"}, {"ref_all", "Fn::RefAll"}, {"value_of", "Fn::ValueOf"},
      {"value_of_all", "Fn::ValueOfAll"}};
  return names;
}

// Records where each piece of the JSON came from, when asked to.
struct Recorder {
  SourceMap* map = nullptr;
  void operator()(const PointerText& at, Span span) const {
    if (map) map->record(at, span);
  }
};

Json lower_at(const ast::Expr& e, const Recorder& record, const PointerText& at);

// Whether a call has the shape its intrinsic needs (the checker reports the rest); a
// call that does not is lowered as a plain map of its arguments, so that walkers over
// an unchecked expression still see what is inside it.
bool well_formed(const ast::Expr& e) {
  if (!intrinsic_names().count(e.name)) return false;
  const std::size_t n = e.items.size();
  const bool named = e.name == "ref" || e.name == "condition" || e.name == "get_att" || e.name == "if" || e.name == "find_in_map" ||
                     e.name == "value_of";
  if (named && (n == 0 || e.items[0].kind != ast::Expr::Kind::Reference)) return false;
  if (e.name == "base64" || e.name == "import_value" || e.name == "ref_all" || e.name == "ref" || e.name == "condition") return n == 1;
  if (e.name == "get_azs") return n <= 1;
  if (e.name == "get_att") return n == 2;
  if (e.name == "sub") return n == 1 || n == 2;
  return true;
}

Json call_json(const ast::Expr& e, const Recorder& record, const PointerText& at) {
  if (!well_formed(e)) {
    Json args = Json::array();
    for (std::size_t i = 0; i < e.items.size(); ++i) args.push_back(lower_at(e.items[i], record, at / e.name / i));
    return Json{{e.name, std::move(args)}};
  }
  const std::string& fn = intrinsic_names().at(e.name);
  const PointerText here = at / fn;
  auto name_of_first = [&](const PointerText& where) {
    record(where, e.items[0].span);
    return Json(e.items.at(0).name);
  };
  if (e.name == "base64" || e.name == "import_value" || e.name == "ref_all") return Json{{fn, lower_at(e.items[0], record, here)}};
  if (e.name == "get_azs") return Json{{fn, e.items.empty() ? Json("") : lower_at(e.items[0], record, here)}};
  if (e.name == "ref" || e.name == "condition") return Json{{fn, name_of_first(here)}};
  if (e.name == "get_att") return Json{{fn, Json::array({name_of_first(here / 0), lower_at(e.items[1], record, here / 1)})}};
  if (e.name == "sub") {
    if (e.items.size() == 1) {
      record(here, e.items[0].span);
      return Json{{fn, e.items[0].text}};
    }
    record(here / 0, e.items[0].span);
    return Json{{fn, Json::array({e.items[0].text, lower_at(e.items[1], record, here / 1)})}};
  }
  Json args = Json::array();
  for (std::size_t i = 0; i < e.items.size(); ++i) {
    bool is_name = i == 0 && (e.name == "if" || e.name == "find_in_map" || e.name == "value_of");
    args.push_back(is_name ? name_of_first(here / 0) : lower_at(e.items[i], record, here / i));
  }
  return Json{{fn, std::move(args)}};
}

Json text_at(const std::vector<ast::TextPart>& parts, const Recorder& record, const PointerText& at) {
  // "<<Name>>" alone is the value itself: no Fn::Sub around a lone Ref or GetAtt.
  if (parts.size() == 1 && parts[0].kind == ast::TextPart::Kind::Reference) {
    record(parts[0].attribute.empty() ? at / "Ref" : at / "Fn::GetAtt" / 0, parts[0].span);
    return reference_json(parts[0].text, parts[0].attribute);
  }
  if (sub_escapes_are_exact(parts)) {
    if (record.map) {
      for (const auto& part : parts) {
        if (part.kind != ast::TextPart::Kind::Reference) continue;
        record.map->record_sub_variable(at / "Fn::Sub", part.text + (part.attribute.empty() ? "" : "." + part.attribute), part.span);
      }
    }
    return Json{{"Fn::Sub", sub_template(parts)}};
  }
  // Fn::Join never interprets its strings, so every byte comes back as written.
  Json pieces = Json::array();
  for (const auto& part : parts) {
    record(at / "Fn::Join" / 1 / pieces.size(), part.span);
    pieces.push_back(part.kind == ast::TextPart::Kind::Literal ? Json(part.text) : reference_json(part.text, part.attribute));
  }
  return Json{{"Fn::Join", Json::array({"", std::move(pieces)})}};
}

Json lower_at(const ast::Expr& e, const Recorder& record, const PointerText& at) {
  record(at, e.span);
  switch (e.kind) {
    case ast::Expr::Kind::String:
      return e.text;
    case ast::Expr::Kind::Text:
      return text_at(e.parts, record, at);
    case ast::Expr::Kind::Number:
      return number_json(e.text);
    case ast::Expr::Kind::Bool:
      return e.boolean;
    case ast::Expr::Kind::List: {
      Json list = Json::array();
      for (std::size_t i = 0; i < e.items.size(); ++i) list.push_back(lower_at(e.items[i], record, at / i));
      return list;
    }
    case ast::Expr::Kind::Map: {
      Json map = Json::object();
      for (const auto& entry : e.entries) map[entry.key] = lower_at(entry.value, record, at / entry.key);
      return map;
    }
    case ast::Expr::Kind::Reference:
      record(e.attribute.empty() ? at / "Ref" : at / "Fn::GetAtt" / 0, e.name_span);
      return reference_json(e.name, e.attribute);
    case ast::Expr::Kind::Call:
      return call_json(e, record, at);
    case ast::Expr::Kind::Spread:  // resolved before lowering
    case ast::Expr::Kind::Absent:
    case ast::Expr::Kind::Invalid:
      break;
  }
  return nullptr;
}

}  // namespace

std::string sub_template(const std::vector<ast::TextPart>& parts) {
  // User data runs to kilobytes: size the string once, and copy the runs between
  // `${` escapes whole (each becomes `${!`).
  std::size_t size = 0;
  for (const auto& part : parts) size += part.text.size() + part.attribute.size() + 4;
  std::string out;
  out.reserve(size + size / 32);
  for (const auto& part : parts) {
    if (part.kind == ast::TextPart::Kind::Reference) {
      out += "${";
      out += part.text;
      if (!part.attribute.empty()) {
        out += '.';
        out += part.attribute;
      }
      out += '}';
      continue;
    }
    std::string_view text = part.text;
    std::size_t run = 0;
    for (std::size_t open = text.find("${"); open != std::string_view::npos; open = text.find("${", open + 2)) {
      out.append(text.substr(run, open + 2 - run));
      out += '!';
      run = open + 2;
    }
    out.append(text.substr(run));
  }
  return out;
}

bool sub_escapes_are_exact(const std::vector<ast::TextPart>& parts) {
  for (const auto& part : parts) {
    if (part.kind != ast::TextPart::Kind::Literal) continue;
    const std::string& text = part.text;
    for (std::size_t open = text.find("${"); open != std::string::npos; open = text.find("${", open + 2)) {
      std::size_t close = text.find('}', open + 2);
      if (close == std::string::npos) return false;
      std::size_t inner = text.find("${", open + 2);
      if (inner != std::string::npos && inner < close) return false;
    }
  }
  return true;
}

Json text_json(const std::vector<ast::TextPart>& parts) { return text_at(parts, Recorder{}, PointerText::off()); }

std::string scalar_text(const ast::Expr& e) {
  switch (e.kind) {
    case ast::Expr::Kind::String:
    case ast::Expr::Kind::Number:
      return e.text;
    case ast::Expr::Kind::Bool:
      return e.boolean ? "true" : "false";
    default:
      return {};
  }
}

Json lower_expr(const ast::Expr& e) { return lower_at(e, Recorder{}, PointerText::off()); }

Json lower_expr(const ast::Expr& e, SourceMap& sources, const PointerText& at) { return lower_at(e, Recorder{&sources}, at); }

Json lower_expr(const ast::Expr& e, SourceMap& sources, const cfn::JsonPointer& at) { return lower_expr(e, sources, PointerText(at)); }

}  // namespace infrac
