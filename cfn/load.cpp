#include "cfn/load.hpp"

#include <fmt/format.h>


#include "cfn/tree_builder.hpp"
#include "io/utf8.hpp"
#include "cfn/yaml_reader.hpp"
#include "io/safe_read.hpp"

namespace infrac::cfn {
namespace {

using detail::TreeBuilder;

// nlohmann's SAX events into the TreeBuilder. SAX carries no positions, so a
// problem the builder finds (a duplicate key, the depth limit) is located again
// by reading the text as YAML, of which JSON is a subset.
class JsonSax : public nlohmann::json_sax<Json> {
 public:
  explicit JsonSax(const LoadLimits& limits) : builder(limits) {}
  TreeBuilder builder;
  std::optional<LoadProblem> syntax_error;

  bool null() override { return builder.value(nullptr, 0); }
  bool boolean(bool b) override { return builder.value(b, 0); }
  bool number_integer(number_integer_t n) override { return builder.value(n, 0); }
  bool number_unsigned(number_unsigned_t n) override { return builder.value(n, 0); }
  bool number_float(number_float_t n, const string_t&) override { return builder.value(n, 0); }
  bool string(string_t& s) override { return builder.value(std::move(s), 0); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override { return builder.open(Json::object(), 0); }
  bool key(string_t& k) override { return builder.key(std::move(k), 0); }
  bool end_object() override { return builder.value(builder.close(), 0, 0); }
  bool start_array(std::size_t) override { return builder.open(Json::array(), 0); }
  bool end_array() override { return builder.value(builder.close(), 0, 0); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." -> "syntax error ..."
    std::string message = e.what();
    if (std::size_t colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    syntax_error = LoadProblem{position > 0 ? position - 1 : 0, message};
    return false;
  }
};

// Where JSON nests deeper than the limit, found before parsing so the problem has its place.
std::optional<std::size_t> too_deep_at(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

Loaded read_json(std::string_view text, const LoadLimits& limits, KeepPositions keep) {
  if (auto at = too_deep_at(text, limits.max_depth)) {
    Loaded deep;
    deep.problems.push_back({*at, fmt::format("values nest deeper than {} levels", limits.max_depth)});
    return deep;
  }
  JsonSax sax(limits);
  bool ok = Json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json, true, false);
  Loaded result;
  if (sax.syntax_error) {
    result.problems.push_back(*sax.syntax_error);
    return result;
  }
  if (ok && sax.builder.problems().empty() && sax.builder.done()) {
    result.value = sax.builder.take_root();
    if (keep == KeepPositions::Yes) result.positions = json_positions(text);
    return result;
  }
  // Locate the problem (a duplicate key): the YAML reader sees the same keys, with positions.
  Loaded located = detail::read_yaml(text, limits);
  if (!located.problems.empty()) return located;
  result.problems = std::move(sax.builder.problems());
  if (result.problems.empty()) result.problems.push_back({0, "the document could not be read"});
  return result;
}

std::size_t skip_space_and_comments(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace

DocumentSyntax detect_syntax(std::string_view text) {
  std::size_t i = skip_space_and_comments(text);
  return i < text.size() && (text[i] == '{' || text[i] == '[') ? DocumentSyntax::Json : DocumentSyntax::Yaml;
}

Loaded load_document(std::string_view text, const LoadLimits& limits, KeepPositions keep) {
  Loaded result;
  std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (text.size() > limits.max_bytes) {
    result.problems.push_back({0, fmt::format("the document is {} bytes; at most {} are read", text.size(), limits.max_bytes)});
    return result;
  }
  std::string_view body = text.substr(bom);
  if (std::size_t bad = invalid_utf8_offset(body); bad != std::string_view::npos) {
    result.problems.push_back({bom + bad, "the document is not valid UTF-8"});
    return result;
  }
  if (body.find('\0') != std::string_view::npos) {
    result.problems.push_back({bom + body.find('\0'), "the document contains a NUL character"});
    return result;
  }
  if (detect_syntax(body) == DocumentSyntax::Json) {
    result = read_json(body, limits, keep);
  } else {
    Positions positions;
    result = detail::read_yaml(body, limits, keep == KeepPositions::Yes ? &positions : nullptr);
    result.positions = std::move(positions);
  }
  for (auto& p : result.problems) p.offset += bom;
  result.positions.shift(bom);
  return result;
}

ReadFile read_document_file(const std::string& path, const LoadLimits& limits) {
  ReadFile result;
  io::InputFile file;
  if (io::ReadProblem problem = io::read_input_file(path, limits.max_bytes, file)) {
    result.error = fmt::format("cannot read `{}`: {}", path, problem.reason);
    return result;
  }
  result.text = std::move(file.text);
  return result;
}

}  // namespace infrac::cfn
