#include "cfn/references.hpp"

#include <set>
#include <string_view>

#include "cfn/intrinsics.hpp"

namespace infrac::cfn {

void for_each_sub_variable(std::string_view s, const std::function<void(const std::string& variable)>& visit) {
  for (std::size_t i = s.find("${"); i != std::string_view::npos; i = s.find("${", i + 2)) {
    if (i + 2 < s.size() && s[i + 2] == '!') continue;
    std::size_t close = s.find('}', i);
    if (close == std::string_view::npos) return;
    visit(std::string(s.substr(i + 2, close - i - 2)));
  }
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

std::vector<std::string> pointer_tokens(const JsonPointer& pointer) {
  std::vector<std::string> tokens;
  const std::string text = pointer.to_string();
  for (std::size_t at = 0; at < text.size();) {
    std::size_t next = text.find('/', at + 1);
    std::string raw = text.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
    std::string token;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size()) {
        token += raw[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (next == std::string::npos) break;
    at = next;
  }
  return tokens;
}

namespace {

// The intrinsic a one-key map spells, if it is one.
const Intrinsic* intrinsic_of(const Json& value) {
  if (!value.is_object() || value.size() != 1) return nullptr;
  return find_intrinsic(value.begin().key());
}

// The path below the walk's starting pointer, one token per level: a JsonPointer (a vector
// of strings) copied at every node was most of the walk's cost; the pointer is built only
// for the few nodes that are references.
class Path {
 public:
  explicit Path(const JsonPointer& base) : base_(base) {}

  // Adds a token for as long as the returned guard lives.
  class Step {
   public:
    explicit Step(Path& path) : path_(path) {}
    ~Step() { path_.tokens_.pop_back(); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    Path& path_;
  };
  [[nodiscard]] Step key(std::string_view key) {
    tokens_.push_back({key, 0});
    return Step(*this);
  }
  [[nodiscard]] Step index(std::size_t index) {
    tokens_.push_back({{}, index + 1});
    return Step(*this);
  }

  JsonPointer pointer() const {
    JsonPointer p = base_;
    for (const Token& t : tokens_) p /= t.index != 0 ? std::to_string(t.index - 1) : std::string(t.key);
    return p;
  }

 private:
  struct Token {
    std::string_view key;
    std::size_t index = 0;  // 1 + the array index, or 0 for a key
  };
  const JsonPointer& base_;
  std::vector<Token> tokens_;
};

class Walker {
 public:
  Walker(const ReferenceVisitor& visit, const JsonPointer& at) : visit_(visit), path_(at) {}

  void walk(const Json& value) {
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        auto step = path_.index(i);
        walk(value[i]);
      }
      return;
    }
    if (!value.is_object()) return;
    if (intrinsic_of(value)) {
      own(value, true);
      return;
    }
    for (const auto& [key, item] : value.items()) {
      auto step = path_.key(key);
      walk(item);
    }
  }

  // The names `value` (a one-key intrinsic map) names itself; with `descend`, its value arguments are walked too.
  void own(const Json& value, bool descend) {
    const std::string& key = value.begin().key();
    const Json& arg = value.begin().value();
    auto here = path_.key(key);
    auto walk_at = [&](std::size_t i) {
      auto step = path_.index(i);
      walk(arg[i]);
    };
    auto values = [&](std::size_t from) {
      if (!descend) return;
      if (!arg.is_array()) {
        if (from == 0) walk(arg);
        return;
      }
      for (std::size_t i = from; i < arg.size(); ++i) walk_at(i);
    };
    auto report_at = [&](std::size_t i, ReferenceKind kind, std::string name) {
      auto step = path_.index(i);
      report(kind, std::move(name), {});
    };
    if (key == "Ref") {
      if (arg.is_string()) report(ReferenceKind::Ref, arg.get<std::string>(), {});
      else values(0);
    } else if (key == "Fn::GetAtt") {
      get_att(arg, descend);
    } else if (key == "Fn::Sub") {
      sub(arg, descend);
    } else if (key == "Condition") {
      if (arg.is_string()) report(ReferenceKind::Condition, arg.get<std::string>(), {});
    } else if (key == "Fn::If") {
      if (!arg.is_array() || arg.empty() || !arg[0].is_string()) {
        values(0);
        return;
      }
      const std::string condition = arg[0].get<std::string>();
      report_at(0, ReferenceKind::Condition, condition);
      if (!descend) return;
      for (std::size_t i = 1; i < arg.size() && i < 3; ++i) {
        under_.push_back({condition, i == 1});
        walk_at(i);
        under_.pop_back();
      }
    } else if (key == "Fn::ValueOf") {
      // ["Parameter", "Attribute"] in a rule: the parameter is used.
      if (arg.is_array() && !arg.empty() && arg[0].is_string()) {
        report_at(0, ReferenceKind::Ref, arg[0].get<std::string>());
        values(1);
      } else {
        values(0);
      }
    } else if (key == "Fn::FindInMap") {
      if (arg.is_array() && !arg.empty() && arg[0].is_string()) {
        report_at(0, ReferenceKind::Mapping, arg[0].get<std::string>());
        values(1);
      } else {
        values(0);
      }
    } else {
      values(0);
    }
  }

 private:
  const ReferenceVisitor& visit_;
  Path path_;
  std::vector<Branch> under_;

  // A reference written at the current path.
  void report(ReferenceKind kind, std::string name, std::string attribute, bool via_sub = false) {
    Reference r;
    r.kind = kind;
    r.name = std::move(name);
    r.attribute = std::move(attribute);
    r.path = path_.pointer();
    r.via_sub = via_sub;
    r.under = under_;
    visit_(r);
  }

  void get_att(const Json& arg, bool descend) {
    if (arg.is_string()) {
      // "Res.Attr.Sub": the logical id has no dots, so the first one ends it.
      const std::string text = arg.get<std::string>();
      std::size_t dot = text.find('.');
      report(ReferenceKind::GetAtt, text.substr(0, dot), dot == std::string::npos ? "" : text.substr(dot + 1));
      return;
    }
    if (!arg.is_array() || arg.empty() || !arg[0].is_string()) {
      if (descend) walk(arg);
      return;
    }
    // The attribute may itself be computed ({"Ref": "AttributeName"}): then it is unknown here.
    std::string attribute = arg.size() > 1 && arg[1].is_string() ? arg[1].get<std::string>() : "";
    {
      auto step = path_.index(0);
      report(ReferenceKind::GetAtt, arg[0].get<std::string>(), attribute);
    }
    if (descend) {
      for (std::size_t i = 1; i < arg.size(); ++i) {
        auto step = path_.index(i);
        walk(arg[i]);
      }
    }
  }

  void sub(const Json& arg, bool descend) {
    const Json* text = &arg;
    std::set<std::string> shadowed;
    if (arg.is_array()) {
      if (arg.empty()) return;
      text = &arg[0];
      if (arg.size() > 1 && arg[1].is_object()) {
        for (const auto& [name, item] : arg[1].items()) shadowed.insert(name);
      }
    }
    auto text_references = [&] {
      if (text->is_string()) {
        for_each_sub_variable(text->get<std::string>(), [&](const std::string& variable) {
          std::size_t dot = variable.find('.');
          std::string name = variable.substr(0, dot);
          if (shadowed.count(variable) || shadowed.count(name)) return;
          if (dot == std::string::npos) {
            report(ReferenceKind::Ref, name, {}, true);
          } else {
            report(ReferenceKind::GetAtt, name, variable.substr(dot + 1), true);
          }
        });
      } else if (descend) {
        walk(*text);
      }
    };
    if (arg.is_array()) {
      auto step = path_.index(0);
      text_references();
    } else {
      text_references();
    }
    if (descend && arg.is_array()) {
      for (std::size_t i = 1; i < arg.size(); ++i) {
        auto step = path_.index(i);
        walk(arg[i]);
      }
    }
  }
};

}  // namespace

void for_each_reference(const Json& value, const JsonPointer& at, const ReferenceVisitor& visit) { Walker(visit, at).walk(value); }

std::vector<Reference> references_in(const Json& value, const JsonPointer& at) {
  std::vector<Reference> out;
  for_each_reference(value, at, [&](const Reference& r) { out.push_back(r); });
  return out;
}

void for_each_own_reference(const Json& value, const JsonPointer& at, const ReferenceVisitor& visit) {
  if (intrinsic_of(value)) Walker(visit, at).own(value, false);
}

std::vector<Reference> template_references(const Json& body) {
  std::vector<Reference> out;
  if (!body.is_object()) return out;
  const ReferenceVisitor add = [&](const Reference& r) { out.push_back(r); };
  const JsonPointer root;
  // A name written as a declaration's attribute: no intrinsic around it, no branch.
  auto declared = [&](ReferenceKind kind, const Json& name, JsonPointer path) {
    Reference r;
    r.kind = kind;
    r.name = name.get<std::string>();
    r.path = std::move(path);
    add(r);
  };
  auto section = [&](const char* name) -> const Json* {
    auto it = body.find(name);
    return it != body.end() && it->is_object() ? &*it : nullptr;
  };
  if (const Json* conditions = section("Conditions")) for_each_reference(*conditions, root / "Conditions", add);
  if (const Json* rules = section("Rules")) for_each_reference(*rules, root / "Rules", add);
  // Resources and outputs: a Condition names a condition, DependsOn (resources only) names resources.
  auto declarations = [&](const char* name) {
    const Json* decls = section(name);
    if (!decls) return;
    for (const auto& [id, decl] : decls->items()) {
      const JsonPointer at = root / name / id;
      if (!decl.is_object()) continue;
      for (const auto& [key, value] : decl.items()) {
        if (key == "Condition" && value.is_string()) {
          declared(ReferenceKind::Condition, value, at / key);
        } else if (key == "DependsOn") {
          if (value.is_string()) declared(ReferenceKind::DependsOn, value, at / key);
          for (std::size_t i = 0; value.is_array() && i < value.size(); ++i) {
            if (value[i].is_string()) declared(ReferenceKind::DependsOn, value[i], at / key / i);
          }
        } else if (key != "Type") {
          for_each_reference(value, at / key, add);
        }
      }
    }
  };
  declarations("Resources");
  declarations("Outputs");
  return out;
}

}  // namespace infrac::cfn
