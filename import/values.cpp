// Values: a template's JSON as infra values. References become names, intrinsic
// functions calls, texts strings or text blocks with <<Name>>.
#include <algorithm>
#include <array>

#include "cfn/equality.hpp"
#include "cfn/intrinsics.hpp"
#include "check/symbols.hpp"
#include "import/convert.hpp"
#include "import/text.hpp"

namespace infrac::importer {
namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// A number as infra writes it (no exponent), or nothing.
std::optional<std::string> number_spelling(const Json& value) {
  std::string text = value.dump();
  for (char c : text) {
    if (!(c == '-' || c == '.' || (c >= '0' && c <= '9'))) return std::nullopt;
  }
  return text;
}

// Texts of several lines (two that are not empty) become text blocks; control characters
// other than tab and line feed (a `\r` of CRLF text, say) would not survive a block, so
// those stay strings.
// The fence tag of a script's text block, from its first line: `sh` for a shell, `python`.
std::string script_tag(const std::string& text) {
  std::string first = text.substr(0, text.find('\n'));
  if (!first.starts_with("#!")) return "";
  if (first.find("python") != std::string::npos) return "python";
  if (first.ends_with("sh") || first.find("sh ") != std::string::npos || first.find("bash") != std::string::npos) return "sh";
  return "";
}

bool block_worthy(const std::string& text) {
  int lines = 0;
  for (std::size_t at = 0; at < text.size() && lines < 2;) {
    std::size_t eol = std::min(text.find('\n', at), text.size());
    lines += eol > at;
    at = eol + 1;
  }
  if (lines < 2) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
  });
}

// The condition functions and the rule functions, by the place they belong to.
bool allowed_in(const cfn::Intrinsic& fn, Place place) {
  static constexpr std::array<std::string_view, 6> kRuleOnly = {"Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn",
                                                               "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll"};
  bool rule_only = std::find(kRuleOnly.begin(), kRuleOnly.end(), fn.key) != kRuleOnly.end();
  if (place == Place::Rule) return true;
  if (rule_only) return false;
  if (fn.condition_only) return place == Place::Condition;
  return true;
}

}  // namespace

bool is_identifier(const std::string& name) {
  if (name.empty() || !is_name_start(name[0])) return false;
  return std::all_of(name.begin(), name.end(), is_name_char);
}

bool Declared::is_list_parameter(const std::string& name) const {
  auto it = parameters.find(name);
  if (it == parameters.end()) return false;
  const std::string& type = it->second;
  return type.starts_with("List<") || type == "CommaDelimitedList" || type.find("Value<List<") != std::string::npos ||
         type.find("Value<CommaDelimitedList>") != std::string::npos;
}

std::string Importer::sam_made() const {
  return declared_.serverless ? " (the SAM transform makes resources the template does not declare, such as `ServerlessRestApi` "
                                "and a function's `Role`; infra refers only to declared ones)"
                              : "";
}

bool Declared::referable(const std::string& name) const {
  return parameters.count(name) || resources.count(name) || is_pseudo_parameter(name);
}

ast::Expr string_expr(std::string text) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::String;
  if (block_worthy(text)) {
    e.origin = ast::Expr::Origin::Block;
    e.block_tag = script_tag(text);
  }
  e.text = std::move(text);
  return e;
}

ast::Expr reference_expr(std::string name, std::string attribute) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Reference;
  e.name = std::move(name);
  e.attribute = std::move(attribute);
  return e;
}

ast::Expr list_expr(std::vector<ast::Expr> items) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::List;
  e.items = std::move(items);
  return e;
}

ast::Expr map_expr(std::vector<ast::MapEntry> entries) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Map;
  e.entries = std::move(entries);
  return e;
}

ast::MapEntry entry(std::string key, ast::Expr value) {
  ast::MapEntry m;
  m.key = std::move(key);
  m.value = std::move(value);
  return m;
}

const Importer::LoopVariable* Importer::loop_variable(const std::string& name) const {
  for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

bool Importer::referable(const std::string& name) const { return declared_.referable(name) || loop_variable(name); }

std::optional<std::string> Importer::loop_name(const std::string& text, const JsonPointer& at) {
  std::string name;
  for (std::size_t i = 0; i < text.size();) {
    bool marker = (text[i] == '$' || text[i] == '&') && text.compare(i + 1, 1, "{") == 0;
    if (!marker) {
      if (!is_name_char(text[i]) || text[i] == '_') {
        problem(at, "`" + text + "` is not a logical id: letters, digits and the loop's `${Identifier}` only");
        return std::nullopt;
      }
      name += text[i++];
      continue;
    }
    std::size_t close = text.find('}', i);
    std::string variable = text.substr(i + 2, close == std::string::npos ? std::string::npos : close - i - 2);
    const LoopVariable* loop = loop_variable(variable);
    if (!loop) {
      problem(at, "`" + text + "`: `" + text.substr(i, close == std::string::npos ? std::string::npos : close + 1 - i) +
                      "` is not the identifier of an `Fn::ForEach` around it");
      return std::nullopt;
    }
    if (text[i] == '&' && !loop->alphanumeric) {
      problem(at, "`&{" + variable + "}` drops the characters other than letters and digits of `" + variable +
                      "`'s items, and infra's `<<" + variable + ">>` cannot: its items must be letters and digits");
      return std::nullopt;
    }
    name += "<<" + variable + ">>";
    i = close + 1;
  }
  return name;
}

Json Importer::loop_sub(const Json& argument, const JsonPointer& at) {
  Json out = argument;
  Json& text = out.is_array() && !out.empty() ? out[0] : out;
  if (!text.is_string()) return out;
  std::string s = text.get<std::string>();
  for (const auto& loop : loops_) {
    const std::string marker = "&{" + loop.name + "}";
    if (s.find(marker) == std::string::npos) continue;
    if (!loop.alphanumeric) {
      problem(at, "`" + marker + "` drops the characters other than letters and digits of `" + loop.name +
                      "`'s items, and infra's `<<" + loop.name + ">>` cannot: its items must be letters and digits");
      continue;
    }
    for (std::size_t p = s.find(marker); p != std::string::npos; p = s.find(marker, p)) s.replace(p, marker.size(), "${" + loop.name + "}");
  }
  text = s;
  return out;
}

void Importer::problem(const JsonPointer& at, std::string message) {
  problems_.push_back({ImportProblem::Document::Template, at, std::move(message)});
}

std::vector<std::string> Importer::take_notes() {
  std::vector<std::string> out;
  for (auto& n : notes_) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(std::move(n));
  }
  notes_.clear();
  return out;
}

void Importer::comment(ast::Module& module, const std::string& text) {
  ast::Comment c;
  c.text = "# " + text;
  c.span = Span{module.file, next_, next_ + 1};
  next_ += 2;
  module.comments.push_back(std::move(c));
}

ast::Expr Importer::call(const std::string& name, std::vector<ast::Expr> arguments) {
  ast::Expr e;
  e.kind = ast::Expr::Kind::Call;
  e.name = name;
  e.items = std::move(arguments);
  return e;
}

ast::Expr Importer::text(const std::vector<ast::TextPart>& parts) {
  bool references = std::any_of(parts.begin(), parts.end(), [](const ast::TextPart& p) { return p.kind == ast::TextPart::Kind::Reference; });
  if (!references) {
    std::string all;
    for (const auto& p : parts) all += p.text;
    return string_expr(std::move(all));
  }
  if (parts.size() == 1) return reference_expr(parts[0].text, parts[0].attribute);
  ast::Expr e;
  e.kind = ast::Expr::Kind::Text;
  e.parts = parts;
  std::string literal;
  for (const auto& p : parts) literal += p.kind == ast::TextPart::Kind::Literal ? p.text : std::string("x");
  if (block_worthy(literal)) {
    e.origin = ast::Expr::Origin::Block;
    e.block_tag = script_tag(literal);
  }
  return e;
}

ast::Expr Importer::reference(const std::string& name, const std::string& attribute, const JsonPointer& at) {
  if (attribute.empty()) {
    if (!referable(name)) {
      problem(at, "`Ref` to `" + name + "`, which is not a parameter, resource or pseudo parameter of the template" + sam_made());
    }
  } else if (!declared_.resources.count(name)) {
    problem(at, "`Fn::GetAtt` of `" + name + "`, which is not a resource of the template" + sam_made());
  }
  return reference_expr(name, attribute);
}

// A piece of a text as an infra text part: literal text, or a value that interpolates
// (<<Name>>, <<Res.Attr>>: a scalar parameter or pseudo parameter, a resource, an attribute).
std::optional<ast::TextPart> Importer::text_part(const Piece& piece) const {
  ast::TextPart part;
  if (piece.kind == Piece::Kind::Literal) {
    part.text = piece.text;
    return part;
  }
  auto ref = as_interpolation(piece.value);
  if (!ref) return std::nullopt;
  bool scalar = ref->attribute.empty() ? referable(ref->name) && !declared_.is_list_parameter(ref->name) &&
                                             ref->name != "AWS::NoValue" && ref->name != "AWS::NotificationARNs"
                                       : declared_.resources.count(ref->name) > 0;
  if (!scalar) return std::nullopt;
  part.kind = ast::TextPart::Kind::Reference;
  part.text = ref->name;
  part.attribute = ref->attribute;
  return part;
}

// A text function as one infra text, when every value in it interpolates; nothing otherwise.
std::optional<ast::Expr> Importer::text_of(const Json& value) {
  auto pieces = text_pieces(value);
  if (!pieces) return std::nullopt;
  std::vector<ast::TextPart> parts;
  for (const auto& piece : *pieces) {
    auto part = text_part(piece);
    if (!part) return std::nullopt;
    parts.push_back(std::move(*part));
  }
  return text(parts);
}

// A Fn::Join of lines (or of nothing) with values that do not interpolate (an if(), a
// select()): join("", [...]) of the texts between them, so a script stays a script.
std::optional<ast::Expr> Importer::joined_texts(const Json& argument, const JsonPointer& at) {
  const std::string& delimiter = argument[0].get_ref<const std::string&>();
  if (!delimiter.empty() && delimiter.find('\n') == std::string::npos) return std::nullopt;
  auto pieces = text_pieces(Json{{"Fn::Join", argument}});
  if (!pieces) return std::nullopt;
  std::vector<ast::Expr> items;
  std::vector<ast::TextPart> run;
  auto flush = [&] {
    if (!run.empty()) items.push_back(text(run));
    run.clear();
  };
  for (const auto& piece : *pieces) {
    if (auto part = text_part(piece)) {
      run.push_back(std::move(*part));
      continue;
    }
    flush();
    items.push_back(value(piece.value, at, Place::Value));
  }
  flush();
  return call("join", {string_expr(""), list_expr(std::move(items))});
}

Json Importer::inline_sub_variables(const std::string& text, const Json& variables) const {
  std::string out;
  Json kept = Json::object();
  for (std::size_t i = 0; i < text.size();) {
    std::size_t open = text.find("${", i);
    std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, open - i);
    std::string name = text.substr(open + 2, close - open - 2);
    std::string trimmed = name;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.erase(0, 1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.pop_back();
    auto variable = variables.find(trimmed);
    i = close + 1;
    if (name.starts_with("!") || variable == variables.end()) {
      out += text.substr(open, i - open);
      continue;
    }
    // A written-out value: its text, with `${` kept literal as `${!`.
    if (variable->is_string() || variable->is_number() || variable->is_boolean()) {
      std::string literal = variable->is_string() ? variable->get<std::string>() : variable->dump();
      for (std::size_t at = literal.find("${"); at != std::string::npos; at = literal.find("${", at + 3)) literal.insert(at + 2, "!");
      out += literal;
      continue;
    }
    // A reference: `${Name}` or `${Res.Attr}` itself, unless a variable of that name would
    // shadow it, or it is a loop's variable (infra's sub() cannot name those).
    Piece piece{Piece::Kind::Value, {}, *variable};
    auto part = text_part(piece);
    std::string spelled = part ? part->text + (part->attribute.empty() ? "" : "." + part->attribute) : "";
    if (part && part->kind == ast::TextPart::Kind::Reference && !variables.contains(spelled) && !loop_variable(part->text)) {
      out += "${" + spelled + "}";
      continue;
    }
    out += text.substr(open, i - open);
    if (!kept.contains(trimmed)) kept[trimmed] = *variable;
  }
  return Json::array({out, kept});
}

void Importer::for_each_in_value(const JsonPointer& at) {
  problem(at, "`Fn::ForEach` inside a value (a resource's properties) has no infra spelling: infra's `for` stamps out "
              "declarations (resources, outputs, conditions), not properties or map entries");
}

ast::Expr Importer::hand_written(const std::string& key, const Json& argument, const JsonPointer& at, const std::string& why) {
  notes_.push_back(why);
  return map_expr({entry(key, value(argument, at / key, Place::Value))});
}

ast::Expr Importer::name_argument(const Json& argument, const JsonPointer& at, const char* what) {
  if (!argument.is_string() || !is_identifier(argument.get<std::string>())) {
    problem(at, std::string("expected the name of a ") + what + ", found " + argument.dump());
    return reference_expr("Invalid");
  }
  return reference_expr(argument.get<std::string>());
}

ast::Expr Importer::intrinsic(const std::string& key, const Json& argument, const JsonPointer& at, Place place) {
  const cfn::Intrinsic* fn = cfn::find_intrinsic(key);
  const JsonPointer inner = at / key;
  auto sub_name = [&](const Json& v) -> const std::string* {
    bool sub = in_loop() && v.is_object() && v.size() == 1 && v.contains("Fn::Sub") && v["Fn::Sub"].is_string();
    return sub ? &v["Fn::Sub"].get_ref<const std::string&>() : nullptr;
  };
  if (key == "Ref" && sub_name(argument)) {
    // `{"Ref": {"Fn::Sub": "Queue${Name}"}}` in a loop: the copy's own resource, `Queue<<Name>>`.
    auto name = loop_name(*sub_name(argument), inner);
    return name ? reference_expr(*name) : reference_expr("Invalid");
  }
  if (key == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && sub_name(argument[0]) && argument[1].is_string()) {
    auto name = loop_name(*sub_name(argument[0]), inner / 0);
    return name ? reference_expr(*name, argument[1].get<std::string>()) : reference_expr("Invalid");
  }
  // `[name, {"Ref": Property}]` in a loop over attribute names: get_att(name, Property), which
  // the loop makes a written-out attribute in each copy.
  auto loop_attribute = [&](const Json& v) {
    return v.is_object() && v.size() == 1 && v.contains("Ref") && v["Ref"].is_string() && loop_variable(v["Ref"].get<std::string>());
  };
  if (key == "Fn::GetAtt" && argument.is_array() && argument.size() == 2 && loop_attribute(argument[1]) &&
      (sub_name(argument[0]) || argument[0].is_string())) {
    auto name = sub_name(argument[0]) ? loop_name(*sub_name(argument[0]), inner / 0) : std::optional(argument[0].get<std::string>());
    if (!name) return reference_expr("Invalid");
    if (!sub_name(argument[0]) && !declared_.resources.count(*name)) return reference(*name, "Attribute", inner);
    return call("get_att", {reference_expr(*name), reference_expr(argument[1]["Ref"].get<std::string>())});
  }
  if (key == "Ref") {
    if (!argument.is_string()) {
      problem(inner, "`Ref` takes a name, found " + argument.dump());
      return reference_expr("Invalid");
    }
    return reference(argument.get<std::string>(), "", inner);
  }
  if (key == "Fn::GetAtt") {
    if (auto ref = as_interpolation(Json{{key, argument}})) return reference(ref->name, ref->attribute, inner);
    if (argument.is_array() && argument.size() == 2 && argument[0].is_string() && declared_.resources.count(argument[0].get<std::string>())) {
      return hand_written(key, argument, at, "`Fn::GetAtt` with a computed attribute name has no infra spelling: written as CloudFormation's map");
    }
    problem(inner, "`Fn::GetAtt` takes a resource and an attribute, found " + argument.dump());
    return reference_expr("Invalid");
  }
  if (key == "Fn::Sub" && in_loop()) {
    if (Json rewritten = loop_sub(argument, inner); rewritten != argument) return intrinsic(key, rewritten, at, place);
  }
  if (key == "Fn::Sub" || key == "Fn::Join") {
    if (auto t = text_of(Json{{key, argument}})) return *t;
    if (key == "Fn::Join" && argument.is_array() && argument.size() == 2 && argument[0].is_string() && argument[1].is_array()) {
      if (auto joined = joined_texts(argument, inner)) return *joined;
    }
    if (key == "Fn::Join" && argument.is_array() && argument.size() == 2) {
      return call("join", {value(argument[0], inner / 0, place), value(argument[1], inner / 1, place)});
    }
    if (key == "Fn::Sub" && argument.is_array() && argument.size() == 2 && argument[0].is_string()) {
      // Some variable is computed (select(), find_in_map(), if()...): those stay variables, the
      // others are written into the text, so the text says what it can (the same text).
      Json inlined = argument[1].is_object() ? inline_sub_variables(argument[0].get<std::string>(), argument[1]) : argument;
      // A script stays a script: a text block (sub() takes one without interpolation).
      return call("sub", {string_expr(inlined[0].get<std::string>()), value(inlined[1], inner / 1, place)});
    }
    if (key == "Fn::Sub" && argument.is_string()) {
      auto pieces = text_pieces(Json{{key, argument}});
      std::string unknown;
      for (const auto& piece : pieces ? *pieces : std::vector<Piece>{}) {
        auto ref = as_interpolation(piece.value);
        if (piece.kind == Piece::Kind::Value && ref && unknown.empty() &&
            !(ref->attribute.empty() ? referable(ref->name) : declared_.resources.count(ref->name) > 0)) {
          unknown = ref->name + (ref->attribute.empty() ? "" : "." + ref->attribute);
        }
      }
      if (!pieces) {
        problem(inner, "`Fn::Sub` text " + argument.dump() + " opens a `${` it never closes");
      } else if (!unknown.empty()) {
        problem(inner, "`Fn::Sub` names `${" + unknown + "}`, which is not a parameter, resource or pseudo parameter of the template" + sam_made());
      } else {
        problem(inner, "`Fn::Sub` interpolates a list or `AWS::NoValue`: " + argument.dump());
      }
      return string_expr("");
    }
    problem(inner, "`" + key + "` has the wrong arguments: " + argument.dump());
    return string_expr("");
  }
  if (!fn) {
    if (key.starts_with("Fn::ForEach::")) {
      for_each_in_value(inner);
      return string_expr("");
    }
    problem(inner, "unknown intrinsic function `" + key + "`");
    return string_expr("");
  }
  if (fn->infra_name.empty()) {
    return hand_written(key, argument, at, "`" + key + "` has no infra call: written as CloudFormation's map, passed on unchanged");
  }
  if (!allowed_in(*fn, place)) {
    problem(inner, "`" + key + "` cannot be used here: " +
                       (fn->condition_only ? std::string("condition functions belong to the Conditions section")
                                           : std::string("rule functions belong to the Rules section")));
    return string_expr("");
  }
  if (key == "Condition") return call("condition", {name_argument(argument, inner, "condition")});
  if (key == "Fn::GetAZs") {
    if (argument.is_string() && argument.get<std::string>().empty()) return call("get_azs", {});
    return call("get_azs", {value(argument, inner, place)});
  }
  // One argument: base64, import_value, ref_all; the rest take a list of arguments.
  std::vector<ast::Expr> arguments;
  bool single = key == "Fn::Base64" || key == "Fn::ImportValue" || key == "Fn::RefAll";
  if (single) {
    arguments.push_back(value(argument, inner, place));
  } else if (argument.is_array()) {
    for (std::size_t i = 0; i < argument.size(); ++i) {
      if (static_cast<int>(i) == fn->name_argument) {
        const char* what = key == "Fn::If" ? "condition" : key == "Fn::FindInMap" ? "mapping" : "parameter";
        ast::Expr name = name_argument(argument[i], inner / i, what);
        if (key == "Fn::If" && !declared_.conditions.count(name.name)) {
          problem(inner / i, "`Fn::If` names `" + name.name + "`, which is not a condition of the template");
        }
        if (key == "Fn::FindInMap" && !declared_.mappings.count(name.name)) {
          problem(inner / i, "`Fn::FindInMap` names `" + name.name + "`, which is not a mapping of the template");
        }
        arguments.push_back(std::move(name));
      } else {
        arguments.push_back(value(argument[i], inner / i, place));
      }
    }
  } else {
    problem(inner, "`" + key + "` takes a list of arguments, found " + argument.dump());
  }
  return call(std::string(fn->infra_name), std::move(arguments));
}

ast::Expr Importer::value(const Json& v, const JsonPointer& at, Place place) {
  if (v.is_string()) return string_expr(v.get<std::string>());
  if (v.is_boolean()) {
    ast::Expr e;
    e.kind = ast::Expr::Kind::Bool;
    e.boolean = v.get<bool>();
    return e;
  }
  if (v.is_number()) {
    if (auto spelling = number_spelling(v)) {
      ast::Expr e;
      e.kind = ast::Expr::Kind::Number;
      e.text = *spelling;
      return e;
    }
    return string_expr(v.dump());  // 1e+21: the same number to CloudFormation, as text
  }
  if (v.is_array()) {
    std::vector<ast::Expr> items;
    for (std::size_t i = 0; i < v.size(); ++i) items.push_back(value(v[i], at / i, place));
    return list_expr(std::move(items));
  }
  if (v.is_object()) {
    if (v.size() == 1) {
      const std::string& key = v.begin().key();
      if (key == "Ref" || key == "Condition" || key.starts_with("Fn::")) {
        if (place == Place::Literal) {
          problem(at / key, "`" + key + "` cannot be used here: this value must be written out");
          return string_expr("");
        }
        return intrinsic(key, v.begin().value(), at, place);
      }
    }
    std::vector<ast::MapEntry> entries;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key().starts_with("Fn::ForEach::")) {
        for_each_in_value(at / it.key());
        continue;
      }
      entries.push_back(entry(it.key(), value(it.value(), at / it.key(), place)));
    }
    return map_expr(std::move(entries));
  }
  problem(at, "a null value (in YAML, a key without a value): infra has no null");
  return string_expr("");
}

}  // namespace infrac::importer
