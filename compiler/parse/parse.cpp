#include "parse/parse.hpp"

#include <tao/pegtl/contrib/limit_depth.hpp>

#include "errors.hpp"
#include "limits.hpp"
#include "parse/build_ast.hpp"
#include "parse/parse_tree.hpp"
#include "parse/secrets.hpp"
#include "io/utf8.hpp"

namespace infrac {
namespace {

namespace g = infrac::grammar;
namespace pegtl = tao::pegtl;

// Where the input is, as a parse error's position: only its byte offset is used.
// PEGTL's own in.position() counts lines from the start of the input (lazy tracking),
// so every syntax error cost the length of the file before it: quadratic time.
template <typename ParseInput>
pegtl::position offset_of(const ParseInput& in) {
  return pegtl::position(static_cast<std::size_t>(in.current() - in.begin()), 1, 1, std::string(in.source()));
}

template <typename Rule>
struct Control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    throw pegtl::parse_error(g::error_message<Rule>, offset_of(in));
  }
};

// Deeply nested input must give an error, never exhaust the stack: pegtl::limit_depth,
// with the cheap position above.
template <typename>
struct DepthLimit : pegtl::maybe_nothing {
  template <typename Rule, pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class ControlT, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    if constexpr (ControlT<Rule>::enable) {
      const pegtl::internal::depth_guard guard(in.private_depth);
      if (in.private_depth > limits::kParserRuleDepth) throw pegtl::parse_error("maximum parser rule nesting depth exceeded", offset_of(in));
      return pegtl::match<Rule, A, M, Action, ControlT>(in, st...);
    } else {
      return pegtl::match<Rule, A, M, Action, ControlT>(in, st...);
    }
  }
};

const std::vector<std::string>& stack_keywords() {
  static const std::vector<std::string> words = {"param",  "resource",    "output",   "mapping",   "condition", "rule",
                                                 "policy", "description", "metadata", "transform", "let", "use", "for"};
  return words;
}

void report(const g::SyntaxError& e, FileId file, std::size_t size, Diagnostics& diagnostics) {
  auto at = static_cast<std::uint32_t>(std::min(e.offset, size));
  Span span{file, at, at + 1};
  if (!e.message.empty()) {
    // PEGTL's own wording for the depth limit speaks of rules; say what the author did.
    bool too_deep = e.message.find("nesting depth") != std::string::npos;
    diagnostics.error(span, too_deep ? "values are nested too deeply for infrac to read" : e.message);
    return;
  }
  span.end = at + static_cast<std::uint32_t>(std::max<std::size_t>(e.found.size(), 1));
  if (e.at_stack_level) {
    auto& d = diagnostics.error(span, "expected a declaration (`param`, `resource`, `output`, `mapping`, `condition`, "
                                      "`rule`, `policy`, `let`, `use`, `for`, `description`, `metadata`, `transform`) or `}`, found `" + e.found + "`");
    add_did_you_mean(d, e.found, stack_keywords());
  } else {
    auto& d = diagnostics.error(span, "expected `stack NAME { ... }`, `component NAME { ... }`, `let NAME = value` or `import \"file\"`, found `" + e.found + "`");
    add_did_you_mean(d, e.found, {"stack", "component", "let", "import"});
  }
}

ast::Module empty_module(FileId file) {
  ast::Module module;
  module.file = file;
  return module;
}

}  // namespace

ast::Module parse(const SourceManager& sources, FileId file, Diagnostics& diagnostics) {
  const SourceFile& source = sources.file(file);
  const std::string& text = source.text();
  if (std::size_t bad = invalid_utf8_offset(text); bad != std::string::npos) {
    auto at = static_cast<std::uint32_t>(bad);
    diagnostics.error({file, at, at + 1}, "the file is not valid UTF-8");
    return empty_module(file);
  }
  pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf> in(text.data(), text.size(), source.path());
  g::SyntaxErrors errors;
  std::unique_ptr<parse_detail::Node> root;
  try {
    root = pegtl::parse_tree::parse<g::file, parse_detail::Node, parse_detail::selector, DepthLimit, Control>(in, errors);
  } catch (const pegtl::parse_error& e) {
    const auto& positions = e.positions();
    std::size_t offset = positions.empty() ? text.size() : positions.front().byte;
    if (offset < text.size() || errors.errors.empty()) errors.errors.push_back({offset, std::string(e.message()), {}, false});
  }
  if (!errors.errors.empty()) mark_no_echo_literals(text, file, diagnostics);
  for (const auto& e : errors.errors) report(e, file, text.size(), diagnostics);
  if (!root) return empty_module(file);
  return parse_detail::build_module(*root, file, text.data(), diagnostics);
}

}  // namespace infrac
