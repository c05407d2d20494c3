// YAML templates through yaml-cpp's event parser: every node arrives with its
// line and column, so problems point at the source, and the value is built by
// the same TreeBuilder as JSON. CloudFormation's short forms (`!Ref`, `!Sub`,
// `!GetAtt A.B`, ...) become the long form here and nowhere else.
#include "cfn/yaml_reader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "cfn/intrinsics.hpp"
#include "cfn/tree_builder.hpp"

namespace infrac::cfn::detail {
namespace {

struct Abandon {};  // thrown out of yaml-cpp's parser when a limit is passed

class LineTable {
 public:
  explicit LineTable(std::string_view text) : text_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  // yaml-cpp's 0-based line and byte column as an offset into the text.
  std::size_t offset(const YAML::Mark& mark) const {
    if (mark.line < 0 || static_cast<std::size_t>(mark.line) >= starts_.size()) return text_.size();
    std::size_t start = starts_[static_cast<std::size_t>(mark.line)];
    std::size_t end = static_cast<std::size_t>(mark.line) + 1 < starts_.size() ? starts_[mark.line + 1] : text_.size();
    return std::min(start + static_cast<std::size_t>(std::max(mark.column, 0)), end);
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

constexpr std::string_view kYamlTag = "tag:yaml.org,2002:";

// A JSON number as written (no leading zeros, so account ids like 012345678901 stay text).
bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t digits = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

std::optional<Json> number_value(std::string_view s) {
  if (!is_json_number(s)) return std::nullopt;
  if (s.find_first_of(".eE") == std::string_view::npos) {
    std::int64_t n = 0;
    auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (error == std::errc() && end == s.data() + s.size()) return Json(n);
    return std::nullopt;  // too large for an integer: keep the digits as text
  }
  return Json::parse(s);  // nlohmann's own float reading, the same as for JSON templates
}

// An untagged plain scalar, by YAML 1.2's core schema (but see is_json_number).
Json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (auto n = number_value(s)) return *n;
  return s;
}

// `Fn::X` for the short form `!X`, or empty for an unknown tag.
std::string long_form(std::string_view tag_name) {
  if (tag_name == "Ref" || tag_name == "Condition") return std::string(tag_name);
  std::string key = "Fn::" + std::string(tag_name);
  return find_intrinsic(key) ? key : std::string();
}

class Handler : public YAML::EventHandler {
 public:
  Handler(const LineTable& lines, const LoadLimits& limits, Positions* positions)
      : lines_(lines), builder_(limits, positions) {}

  TreeBuilder& builder() { return builder_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { finish(nullptr, "", mark, anchor, 1); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      problem(mark, "an alias must refer to a value that is complete before it");
      throw Abandon{};
    }
    place(it->second.first, lines_.offset(mark), it->second.second);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
    if (builder_.expects_key()) {
      if (tag != "?" && tag != "!") problem(mark, fmt::format("a key cannot carry the tag `{}`", tag));
      keep_anchor(anchor, Json(value), 1);
      builder_.key(value, lines_.offset(mark));
      return;
    }
    if (tag == "!") {  // quoted: always text
      finish(value, "", mark, anchor, 1);
    } else if (tag == "?") {
      finish(plain_scalar(value), "", mark, anchor, 1);
    } else if (tag.starts_with(kYamlTag)) {
      finish(core_scalar(tag.substr(kYamlTag.size()), value, mark), "", mark, anchor, 1);
    } else {
      finish(plain_scalar(value), tag, mark, anchor, 1);
    }
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(Json::array(), mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(Json::object(), mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    std::string tag;
    YAML::Mark mark;
    YAML::anchor_t anchor;
  };

  void problem(const YAML::Mark& mark, std::string message) {
    builder_.problems().push_back({lines_.offset(mark), std::move(message)});
  }

  Json core_scalar(const std::string& kind, const std::string& value, const YAML::Mark& mark) {
    if (kind == "str") return value;
    Json resolved = plain_scalar(value);
    bool fits = (kind == "int" && resolved.is_number_integer()) || (kind == "float" && resolved.is_number()) ||
                (kind == "bool" && resolved.is_boolean()) || (kind == "null" && resolved.is_null());
    if (!fits) problem(mark, fmt::format("`{}` is not a value of the tag `!!{}`", value, kind));
    return resolved;
  }

  void open(Json container, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (builder_.expects_key()) {
      problem(mark, "a key must be text, not a list or a map");
      throw Abandon{};
    }
    if (!builder_.open(std::move(container), lines_.offset(mark))) throw Abandon{};
    open_.push_back({tag == "?" || tag == "!" ? std::string() : tag, mark, anchor});
  }

  void close() {
    Open o = open_.back();
    open_.pop_back();
    Json value = builder_.close();
    std::size_t nodes = o.anchor ? count_nodes(value, std::numeric_limits<std::size_t>::max()) : 0;
    finish(std::move(value), o.tag, o.mark, o.anchor, 0, nodes);
  }

  // A complete node: its tag applied, remembered for aliases, placed in its parent.
  void finish(Json value, const std::string& tag, const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t counted,
              std::size_t nodes = 1) {
    if (!tag.empty()) value = apply_tag(tag, std::move(value), mark);
    keep_anchor(anchor, value, nodes);
    place(std::move(value), lines_.offset(mark), counted);
  }

  void keep_anchor(YAML::anchor_t anchor, const Json& value, std::size_t nodes) {
    if (anchor) anchors_[anchor] = {value, nodes};
  }

  void place(Json value, std::size_t offset, std::size_t nodes) {
    if (!builder_.value(std::move(value), offset, nodes)) throw Abandon{};
  }

  Json apply_tag(const std::string& tag, Json value, const YAML::Mark& mark) {
    std::string_view name = tag;
    if (name.starts_with("!")) name.remove_prefix(1);
    std::string key = long_form(name);
    if (key.empty() || tag.front() != '!') {
      problem(mark, fmt::format("unknown tag `{}`; CloudFormation's short forms are `!Ref`, `!GetAtt`, `!Sub`, `!Join`, "
                                "`!Select`, `!Split`, `!If`, `!Equals`, `!And`, `!Or`, `!Not`, `!Condition`, "
                                "`!FindInMap`, `!Base64`, `!Cidr`, `!GetAZs`, `!ImportValue`, `!Transform` and the like",
                                tag));
      return value;
    }
    if (key == "Fn::GetAtt" && value.is_string()) {
      // `!GetAtt Resource.Attribute`: the attribute is everything after the first dot.
      const std::string& text = value.get_ref<const std::string&>();
      std::size_t dot = text.find('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == text.size()) {
        problem(mark, fmt::format("`!GetAtt {}` needs the form `Resource.Attribute`", text));
        return value;
      }
      value = Json::array({text.substr(0, dot), text.substr(dot + 1)});
    }
    if (value.is_null() && key != "Ref") value = "";  // `!GetAZs` with no argument: the stack's region
    builder_.long_form_at(key, lines_.offset(mark));
    Json wrapped = Json::object();
    wrapped.get_ref<Json::object_t&>().emplace_back(key, std::move(value));
    return wrapped;
  }

  const LineTable& lines_;
  TreeBuilder builder_;
  std::vector<Open> open_;
  std::unordered_map<YAML::anchor_t, std::pair<Json, std::size_t>> anchors_;
};

}  // namespace

Loaded read_yaml(std::string_view text, const LoadLimits& limits, Positions* positions) {
  LineTable lines(text);
  Handler handler(lines, limits, positions);
  Loaded result;
  std::istringstream stream{std::string(text)};
  try {
    YAML::Parser parser(stream);
    if (!parser.HandleNextDocument(handler)) {
      result.problems.push_back({0, "the document is empty"});
      return result;
    }
    if (handler.builder().done() && parser.HandleNextDocument(handler)) {
      handler.builder().problems().push_back({text.size(), "a template is one YAML document; found a second one"});
    }
  } catch (const YAML::Exception& e) {
    handler.builder().problems().push_back({lines.offset(e.mark), e.msg});
  } catch (const Abandon&) {
  }
  result.problems = std::move(handler.builder().problems());
  if (result.problems.empty()) {
    if (handler.builder().done()) {
      result.value = handler.builder().take_root();
    } else {
      result.problems.push_back({text.size(), "the document ends early"});
    }
  }
  return result;
}

}  // namespace infrac::cfn::detail
