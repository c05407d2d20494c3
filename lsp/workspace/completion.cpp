// Workspace::complete. While typing, the buffer seldom parses, so the context comes from
// the text before the cursor (a light scan that knows comments, strings, text blocks and
// brackets), and the names from the last analysis of the project.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

#include "cfn/intrinsics.hpp"
#include "lsp/workspace/properties.hpp"
#include "lsp/workspace/workspace.hpp"

namespace infrac::lsp {
namespace {

// Written beside the grammar's and the checker's lists (grammar/infra_grammar.hpp,
// check/declarations.cpp); completion only offers them.
const std::vector<std::string> kTopLevelKeywords = {"stack", "component", "import", "let"};
const std::vector<std::string> kBodyKeywords = {"param", "resource", "output", "condition", "mapping", "policy", "let", "use", "for", "description"};
const std::vector<std::string> kResourceAttributes = {"depends_on", "condition", "deletion_policy", "update_replace_policy", "update_policy",
                                                      "creation_policy", "metadata", "silence"};
const std::vector<std::string> kParameterTypes = {
    "String", "Number", "List<Number>", "CommaDelimitedList", "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",
    "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id",
    "List<AWS::EC2::Subnet::Id>", "List<AWS::EC2::SecurityGroup::Id>", "AWS::SSM::Parameter::Name",
    "AWS::SSM::Parameter::Value<String>", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"};
const std::vector<std::string> kPseudoParameters = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
                                                    "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix"};

// One open bracket before the cursor and what its line said before it.
struct Frame {
  char bracket = '{';
  std::string header;  // "resource AppGroup: AWS::AutoScaling::AutoScalingGroup", "LaunchTemplateData:"
};

struct Context {
  std::vector<Frame> frames;
  bool in_comment = false;
  bool in_text = false;         // inside a string or a text block
  bool in_interpolation = false;  // after an unclosed `<<` in that text
  std::string line;             // the current line up to the cursor
  std::string statement;        // what was written since the last bracket, comma or line end
                                // (in a string: up to its opening quote)
};

Context scan(std::string_view text) {
  Context c;
  std::string statement;  // what was written since the last bracket, comma or line end
  enum class In { Code, Comment, String, Block } in = In::Code;
  std::size_t interpolation = std::string::npos;  // where an unclosed `<<` of the current text is
  auto track_interpolation = [&](std::size_t i) {
    if (text.compare(i, 2, "<<") == 0) interpolation = i;
    if (text.compare(i, 2, ">>") == 0) interpolation = std::string::npos;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    switch (in) {
      case In::Comment:
        if (ch == '\n') in = In::Code;
        continue;
      case In::String:
        if (ch == '\\') {
          ++i;
        } else if (ch == '"' || ch == '\n') {
          in = In::Code;
        } else {
          track_interpolation(i);
        }
        continue;
      case In::Block:
        if (text.compare(i, 3, "```") == 0) {
          in = In::Code;
          i += 2;
        } else {
          track_interpolation(i);
        }
        continue;
      case In::Code:
        break;
    }
    interpolation = std::string::npos;
    if (ch == '#') {
      in = In::Comment;
    } else if (ch == '"') {
      in = In::String;
    } else if (text.compare(i, 3, "```") == 0) {
      in = In::Block;
      i += 2;
    } else if (ch == '{' || ch == '[' || ch == '(') {
      c.frames.push_back({ch, statement});
      statement.clear();
    } else if (ch == '}' || ch == ']' || ch == ')') {
      // `component Name(...) {`, `for Zone in [...] {`: the header goes on to the `{` of the body.
      statement = c.frames.empty() ? "" : c.frames.back().header + c.frames.back().bracket + ch;
      if (!c.frames.empty()) c.frames.pop_back();
    } else if (ch == '\n' || ch == ',') {
      statement.clear();
    } else {
      statement.push_back(ch);
    }
  }
  c.statement = statement;
  c.in_comment = in == In::Comment;
  c.in_text = in == In::String || in == In::Block;
  c.in_interpolation = c.in_text && interpolation != std::string::npos;
  std::size_t line_start = text.rfind('\n');
  c.line = std::string(text.substr(line_start == std::string_view::npos ? 0 : line_start + 1));
  return c;
}

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t first = s.find_first_not_of(" \t");
  return first == std::string::npos ? "" : s.substr(first);
}

bool word_char(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == ':'; }

// Where the cursor is among the declarations, from the brackets open before it.
struct Place {
  std::optional<std::string> resource_type;  // inside a resource of this type
  std::vector<std::string> path_inside;      // the property names leading to the cursor in it
  bool in_list = false;                      // the innermost bracket is `[`
  std::optional<std::string> container;      // inside this stack or component ("" at file level)
  std::vector<std::string> loop_variables;   // of the `for` loops around the cursor, outermost first
};

// `Key:` and nothing after it: a property whose value (a map, a list, a scalar) follows.
// RE2, not std::regex, here and below: a header or line may be a megabyte long, and
// libstdc++'s matcher recurses once per byte a `*` takes (the server died of a stack
// overflow); RE2 is linear and iterative.
const RE2& key_header() {
  static const RE2 kKeyHeader(R"(\s*([A-Za-z0-9_]+)\s*:\s*)");
  return kKeyHeader;
}

Place place_of(const Context& c) {
  static const RE2 kResourceHeader(R"(\s*resource\s+[A-Za-z0-9_<>]+\s*:\s*([A-Za-z0-9:]+)\s*)");
  static const RE2 kStackHeader(R"(\s*stack\s+([A-Za-z0-9_-]+)\s*)");
  static const RE2 kComponentHeader(R"(\s*component\s+([A-Za-z0-9_]+)\s*(?:\(\))?\s*)");
  static const RE2 kLoopHeader(R"((?s)\s*for\s+([A-Za-z0-9_]+)\s+in\b.*)");
  Place place;
  place.container = "";
  for (const auto& frame : c.frames) {
    std::string name;
    if (frame.bracket == '{' && RE2::FullMatch(frame.header, kResourceHeader, &name)) {
      place.resource_type = name;
      place.path_inside.clear();
    } else if (place.resource_type && RE2::FullMatch(frame.header, key_header(), &name)) {
      place.path_inside.push_back(name);
    } else if (frame.bracket == '{' && RE2::FullMatch(frame.header, kStackHeader, &name)) {
      place.container = name;
    } else if (frame.bracket != '[' && RE2::FullMatch(frame.header, kComponentHeader, &name)) {
      place.container = name;
    } else if (frame.bracket == '{' && RE2::FullMatch(frame.header, kLoopHeader, &name)) {
      place.loop_variables.push_back(name);
    }
    place.in_list = frame.bracket == '[';
  }
  return place;
}

// An allowed value as the completion inserts it: a string quoted, a number or boolean bare.
// Values a string literal would need escapes for are not offered (the specification has none).
std::optional<std::string> value_spelling(const std::string& value, const ValueShape& shape, bool inside_quotes) {
  if (value.find_first_of("\"\\\n") != std::string::npos || value.find("<<") != std::string::npos) return std::nullopt;
  ValueKind kind = shape.kind == ValueKind::List || shape.kind == ValueKind::Map ? shape.item : shape.kind;
  if (kind != ValueKind::String || inside_quotes) return value;
  return "\"" + value + "\"";
}

}  // namespace

Completion Workspace::complete(const std::string& path, std::uint32_t offset) {
  Completion out;
  std::optional<std::string> source = text(path);
  if (!source) return out;
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(source->size()));
  std::string_view before(source->data(), offset);
  Context c = scan(before);
  if (c.in_comment) return out;

  // The word under the cursor, which the chosen item replaces.
  std::uint32_t word_begin = offset;
  while (word_begin > 0 && word_char((*source)[word_begin - 1])) --word_begin;
  std::uint32_t word_end = offset;
  while (word_end < source->size() && word_char((*source)[word_end]) && (*source)[word_end] != ':') ++word_end;
  out.replace_begin = word_begin;
  out.replace_end = word_end;
  std::string line_before_word = c.line.substr(0, c.line.size() - (offset - word_begin));
  auto add = [&](std::string label, CompletionKind kind, std::string detail = {}, std::string sort = {}) {
    out.items.push_back({std::move(label), kind, std::move(detail), std::move(sort), {}});
  };

  std::shared_ptr<const Analysis> a = analysis(path);
  std::optional<FileId> file = a->file_of(path);
  Place place = place_of(c);

  // Names visible at the cursor: the loops' variables, then the body around it (known from
  // the stack, component and `for` lines before the cursor, which hold while the text does not
  // parse) as the index saw it at its last parse. When the index does not know that body (it
  // has never parsed), every declaration of the project is offered once.
  auto add_names = [&](bool with_functions) {
    std::vector<std::string> seen;
    auto offer = [&](const std::string& name, std::string detail) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) return;
      seen.push_back(name);
      add(name, CompletionKind::Name, std::move(detail));
    };
    for (auto it = place.loop_variables.rbegin(); it != place.loop_variables.rend(); ++it) offer(*it, "loop variable");
    auto offer_symbol = [&](const Symbol& s) {
      if (s.kind == SymbolKind::File || s.kind == SymbolKind::Stack || s.kind == SymbolKind::Instance || s.kind == SymbolKind::Component ||
          s.kind == SymbolKind::Output)
        return;
      offer(s.name, std::string(to_string(s.kind)) + (s.container.empty() ? "" : " in " + s.container));
    };
    const VisibleNames* visible = file && place.container ? a->index.visible_in(*file, *place.container) : nullptr;
    if (visible) {
      for (std::size_t id : visible->symbols) {
        if (a->index.symbols[id].kind != SymbolKind::LoopVariable) offer_symbol(a->index.symbols[id]);
      }
    } else {
      for (const auto& s : a->index.symbols) offer_symbol(s);
    }
    for (const auto& p : kPseudoParameters) add(p, CompletionKind::Name, "pseudo parameter");
    if (!with_functions) return;
    for (const auto& i : cfn::intrinsics()) {
      if (!i.infra_name.empty()) add(std::string(i.infra_name), CompletionKind::Function, std::string(i.key));
    }
    add("file", CompletionKind::Function, "the text of a file, with <<Name>> interpolation");
  };

  // The property whose value (or one of whose list items) is written at the cursor: what was
  // written before it since the last bracket or comma is `Key:`, or nothing inside that key's list.
  auto value_property = [&](const std::string& before_value) -> const PropertySpec* {
    if (!place.resource_type || !spec()) return nullptr;
    std::vector<std::string> at = place.path_inside;
    if (std::string key; RE2::FullMatch(before_value, key_header(), &key)) {
      at.push_back(key);
    } else if (!place.in_list || at.empty() || !trimmed(before_value).empty()) {
      return nullptr;
    }
    return find_property_path(*spec(), *place.resource_type, at);
  };
  // The values the specification allows there, first in the list.
  auto add_allowed = [&](const PropertySpec* p, bool inside_quotes) {
    if (!p) return;
    for (std::size_t i = 0; i < p->shape.allowed.size(); ++i) {
      std::optional<std::string> spelled = value_spelling(p->shape.allowed[i], p->shape, inside_quotes);
      if (!spelled) continue;
      add(p->shape.allowed[i], CompletionKind::Value, "allowed value of " + p->name, fmt::format("0{:05}", i));  // the schema's order
      out.items.back().insert = *spelled;
    }
  };

  // Inside a text: `<<` names; inside a string that is a property's value, its allowed values
  // (replacing what is written between the quotes).
  if (c.in_text) {
    if (c.in_interpolation) {
      add_names(false);
      return out;
    }
    std::size_t quote = c.line.rfind('"');
    if (quote == std::string::npos) return out;
    const PropertySpec* p = value_property(c.statement);
    if (!p || p->shape.allowed.empty()) return out;
    out.replace_begin = offset - static_cast<std::uint32_t>(c.line.size() - quote - 1);
    out.replace_end = offset;
    while (out.replace_end < source->size() && (*source)[out.replace_end] != '"' && (*source)[out.replace_end] != '\n') ++out.replace_end;
    add_allowed(p, true);
    return out;
  }

  static const RE2 kResourceType(R"(\s*resource\s+[A-Za-z0-9_<>]+\s*:\s*)");
  static const RE2 kParameterType(R"(\s*param\s+[A-Za-z0-9_<>]+\s*:\s*)");
  if (RE2::FullMatch(line_before_word, kResourceType)) {
    if (spec()) {
      for (const auto& t : spec()->type_names()) add(t, CompletionKind::Type, "resource type");
    }
    return out;
  }
  if (RE2::FullMatch(line_before_word, kParameterType)) {
    for (const auto& t : kParameterTypes) add(t, CompletionKind::Type, "parameter type");
    return out;
  }

  // `Res.` -> its attributes; `stack.` -> that stack's outputs.
  if (!line_before_word.empty() && line_before_word.back() == '.') {
    std::size_t end = line_before_word.size() - 1, begin = end;
    while (begin > 0 && (std::isalnum(static_cast<unsigned char>(line_before_word[begin - 1])) || line_before_word[begin - 1] == '_' ||
                         line_before_word[begin - 1] == '-'))
      --begin;
    std::string owner = line_before_word.substr(begin, end - begin);
    for (const auto& s : a->index.symbols) {
      if (s.name != owner) continue;
      if (s.kind == SymbolKind::Resource && spec()) {
        for (const auto& at : spec()->attributes(s.resource->type.text)) add(at.name, CompletionKind::Attribute, describe_shape(at.shape));
      } else if (s.kind == SymbolKind::Stack) {
        for (const auto& o : s.stack->outputs) add(o.name, CompletionKind::Attribute, "output of stack " + owner);
      }
    }
    return out;
  }

  bool line_start = trimmed(line_before_word).empty();
  bool in_parens = !c.frames.empty() && c.frames.back().bracket == '(';

  if (c.frames.empty() && line_start) {
    for (const auto& k : kTopLevelKeywords) add(k, CompletionKind::Keyword);
    return out;
  }
  const std::optional<std::string>& resource_type = place.resource_type;
  bool in_braces = !c.frames.empty() && c.frames.back().bracket == '{';
  if (resource_type && line_start && !place.in_list && !in_parens && in_braces) {
    // Property names of the type at the cursor, required first; at the top of the resource,
    // its attributes too.
    if (spec()) {
      for (const auto& p : properties_inside(*spec(), *resource_type, place.path_inside)) {
        add(p.name, CompletionKind::Property, describe_shape(p.shape) + (p.required ? ", required" : ""),
            (p.required ? "0" : "1") + p.name);
        out.items.back().insert = p.name + ": ";
      }
    }
    if (place.path_inside.empty()) {
      for (const auto& k : kResourceAttributes) add(k, CompletionKind::Keyword, "resource attribute", "2" + k);
    }
    return out;
  }
  if (!resource_type && line_start && in_braces) {
    for (const auto& k : kBodyKeywords) add(k, CompletionKind::Keyword);
    return out;
  }
  // A value: the allowed values of the property first (true and false for a boolean), then
  // every name in scope and function.
  if (const PropertySpec* p = value_property(c.statement.substr(0, c.statement.size() - (offset - word_begin)))) {
    add_allowed(p, false);
    if (p->shape.kind == ValueKind::Boolean) {
      add("true", CompletionKind::Value, "boolean", "0");
      add("false", CompletionKind::Value, "boolean", "0");
    }
  }
  add_names(true);
  return out;
}

}  // namespace infrac::lsp
