#include "check/sub_syntax.hpp"
#include "diagnostics/warning_kinds.hpp"

#include <fmt/format.h>

#include <map>

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '_'; }

// `Name`, `A::B::C`, `Name.Attr.Sub`: what `${...}` holds in an Fn::Sub string.
struct SubVariable {
  std::string spelled;  // between the braces
  std::string head;     // before the first `.`
  bool qualified = false;
  bool dotted = false;
};

std::optional<SubVariable> parse_variable(std::string_view inner) {
  SubVariable v{std::string(inner), {}, false, false};
  std::size_t i = 0;
  auto word = [&] {
    if (i >= inner.size() || !is_name_start(inner[i])) return false;
    while (i < inner.size() && is_name_char(inner[i])) ++i;
    return true;
  };
  if (!word()) return std::nullopt;
  while (inner.substr(i, 2) == "::") {
    i += 2;
    v.qualified = true;
    if (!word()) return std::nullopt;
  }
  v.head = std::string(inner.substr(0, i));
  while (i < inner.size() && inner[i] == '.') {
    ++i;
    v.dotted = true;
    if (!word()) return std::nullopt;
  }
  if (i != inner.size()) return std::nullopt;
  return v;
}

class Checker {
 public:
  Checker(const StackSymbols& symbols, const SourceManager* sources, Diagnostics& diagnostics)
      : symbols_(symbols), sources_(sources), diagnostics_(diagnostics) {}

  void visit(const ast::Expr& e) {
    switch (e.kind) {
      case Kind::String:
        literal(e.text, e.span);
        return;
      case Kind::Text:
        for (const auto& part : e.parts) {
          if (part.kind == ast::TextPart::Kind::Literal) literal(part.text, part.span);
        }
        return;
      case Kind::List:
        for (const auto& item : e.items) visit(item);
        return;
      case Kind::Map:
        for (const auto& entry : e.entries) {
          // A written-out `{ "Fn::Sub": ... }` holds CloudFormation's own syntax.
          if (entry.key != "Fn::Sub") visit(entry.value);
        }
        return;
      case Kind::Call:
        // So does sub()'s text; its variables map holds values again.
        for (std::size_t i = e.name == "sub" ? 1 : 0; i < e.items.size(); ++i) visit(e.items[i]);
        return;
      default:
        return;
    }
  }

 private:
  const StackSymbols& symbols_;
  const SourceManager* sources_;
  Diagnostics& diagnostics_;

  // `<<logical_id(Name)>>` is no interpolation (only names are), so it would stay text.
  void logical_id_in_text(const std::string& text, Span span) {
    static const std::string kSpelled = "<<logical_id(";
    if (text.find(kSpelled) == std::string::npos) return;
    std::size_t cursor = 0;
    auto& d = diagnostics_.error(locate(kSpelled, span, cursor), "`logical_id` cannot be interpolated into text: `<<...>>` takes a name");
    d.notes.push_back({std::nullopt, "join the text instead: `join(\"\", [\"--resource \", logical_id(Name)])`"});
  }

  // What `${...}` would have meant in Fn::Sub, or nothing when it is plainly not that.
  std::string meaning(const SubVariable& v) const {
    if (is_pseudo_parameter(v.head)) return "pseudo parameter `" + v.head + "`";
    if (symbols_.parameters.count(v.head)) return "parameter `" + v.head + "`";
    if (symbols_.resources.count(v.head)) return v.dotted ? "an attribute of resource `" + v.head + "`" : "resource `" + v.head + "`";
    if (v.qualified) return "a CloudFormation name";
    return {};
  }

  // Where `${inner}` is written: searched in the source text of the span, which
  // holds the same bytes (names need no escapes); the whole span when not found.
  Span locate(const std::string& spelled, Span span, std::size_t& cursor) const {
    if (!sources_ || span.file >= sources_->size()) return span;
    const std::string& text = sources_->file(span.file).text();
    if (span.end > text.size() || span.begin > span.end) return span;
    std::size_t from = std::max<std::size_t>(span.begin, cursor);
    std::size_t at = text.find(spelled, from);
    if (at == std::string::npos || at + spelled.size() > span.end) return span;
    cursor = at + spelled.size();
    return {span.file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + spelled.size())};
  }

  void literal(const std::string& text, Span span) {
    logical_id_in_text(text, span);
    struct Found {
      Span first;
      std::string what;
      bool shell_safe = true;  // `$Name` means the same in shell: no name character follows
      int more = 0;
    };
    std::map<std::string, Found> found;  // by spelling: one warning per variable per text
    std::vector<std::string> order;
    std::size_t cursor = 0;
    for (std::size_t open = text.find("${"); open != std::string::npos; open = text.find("${", open + 2)) {
      std::size_t close = text.find('}', open + 2);
      if (close == std::string::npos) break;
      std::optional<SubVariable> v = parse_variable(std::string_view(text).substr(open + 2, close - open - 2));
      if (!v) continue;
      std::string what = meaning(*v);
      if (what.empty()) continue;
      std::string spelled = "${" + v->spelled + "}";
      Span at = locate(spelled, span, cursor);
      bool shell_safe = close + 1 >= text.size() || !is_name_char(text[close + 1]);
      auto [it, inserted] = found.emplace(v->spelled, Found{at, what, shell_safe, 0});
      if (inserted) {
        order.push_back(v->spelled);
      } else {
        ++it->second.more;
      }
    }
    for (const auto& spelled : order) report(spelled, found.at(spelled).first, found.at(spelled).what, found.at(spelled).shell_safe,
                                             found.at(spelled).more);
  }

  void report(const std::string& variable, Span at, const std::string& what, bool shell_safe, int more) {
    auto& d = diagnostics_.warning(at, fmt::format("`${{{}}}` stays literal text: infra interpolates {} as `<<{}>>`", variable, what, variable),
                                   warning_kind::kSubSyntax);
    d.notes.push_back({std::nullopt, "`${Name}` is the syntax of CloudFormation's `Fn::Sub`; infra strings, text blocks and files "
                                     "interpolate `<<Name>>`"});
    if (variable.find("::") == std::string::npos && variable.find('.') == std::string::npos) {
      d.notes.push_back({std::nullopt, shell_safe ? fmt::format("if this is the shell's variable `{0}`, write `$" "{0}`", variable)
                                                  : fmt::format("if this is the shell's variable `{0}`, write `\"$" "{0}\"`", variable)});
    }
    if (more > 0) d.notes.push_back({std::nullopt, fmt::format("`${{{}}}` appears {} more time{} in this text", variable, more, more == 1 ? "" : "s")});
  }
};

}  // namespace

void check_copied_sub_syntax(const ast::Expr& expr, const StackSymbols& symbols, const SourceManager* sources,
                             Diagnostics& diagnostics) {
  Checker(symbols, sources, diagnostics).visit(expr);
}

}  // namespace infrac
