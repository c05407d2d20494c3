#pragma once
// Error recovery for the infra grammar: a rule that tries a declaration and,
// when it fails, records the error and skips to the end of the broken
// declaration, so that one run reports every syntax error in a file.
#include <map>
#include <string>
#include <utility>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "grammar/trivia.hpp"

namespace infrac::grammar {

// What the grammar found wrong; the parser turns these into diagnostics.
struct SyntaxError {
  std::size_t offset = 0;
  std::string message;     // set when a `must<>` failed: the message from errors.hpp
  std::string found;       // set when no declaration started here: the word found
  bool at_stack_level = false;
};

struct SyntaxErrors {
  std::vector<SyntaxError> errors;
  bool skipping = false;  // true after a failed top-level item, until one succeeds
  // Where each recovering rule, tried at an offset, ended. After an error, recovery
  // resumes inside the declaration that failed, so nested declarations are tried
  // again; without this, `for Z in L{` repeated n times took 2^n steps. Once an error
  // is recorded the parse tree is thrown away, so a remembered item can be stepped
  // over without building its nodes again.
  std::map<std::pair<const void*, std::size_t>, std::pair<std::size_t, bool>> ends;  // -> (end, matched)
};

namespace skip_item {

enum class Level { File, Stack };

template <typename Wanted, typename First, typename... Rest>
Wanted& pick(First& first, Rest&... rest) {
  if constexpr (std::is_same_v<std::decay_t<First>, Wanted>) {
    return first;
  } else {
    static_assert(sizeof...(Rest) > 0, "SyntaxErrors must be passed as a parser state");
    return pick<Wanted>(rest...);
  }
}

bool skip_text_block(const char*& p, const char* end);
// Skips from the start of a broken declaration to its end: the end of the line
// where its brackets balance again, or before the `}` that closes the stack.
const char* skip_declaration(const char* begin, const char* end, Level level);
std::string word_at(const char* p, const char* end);

template <typename Item, Level L>
struct recover {
  using rule_t = recover;
  using subs_t = tao::pegtl::type_list<Item>;
  static constexpr char tag = 0;  // one address per recovering rule: the key of SyntaxErrors::ends

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    if (in.empty()) return false;
    if (L == Level::Stack && in.peek_char() == '}') return false;
    SyntaxErrors& log = pick<SyntaxErrors>(st...);
    const auto start = in.iterator();
    const auto key = std::make_pair(static_cast<const void*>(&tag), static_cast<std::size_t>(in.current() - in.begin()));
    if (!log.errors.empty()) {
      if (auto known = log.ends.find(key); known != log.ends.end()) {
        // The items that follow, up to the first one not remembered, would be stepped over
        // one by one: go to the end of them at once, and remember that for each (path
        // compression), so that deep nests of broken declarations take linear time.
        std::vector<decltype(known)> chain{known};
        for (;;) {
          const char* next = skip_space_and_comments(in.begin() + chain.back()->second.first, in.end());
          auto following = log.ends.find({key.first, static_cast<std::size_t>(next - in.begin())});
          if (following == log.ends.end() || following->second.first <= following->first.second) break;
          chain.push_back(following);
        }
        const auto last = chain.back()->second;
        for (auto& link : chain) link->second = last;
        in.bump(last.first - key.second);
        log.skipping = !last.second;
        return true;
      }
    }
    auto remember = [&](bool matched) { log.ends[key] = {static_cast<std::size_t>(in.current() - in.begin()), matched}; };
    try {
      if (tao::pegtl::match<Item, A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...)) {
        log.skipping = false;
        remember(true);
        return true;
      }
      if (!log.skipping) {
        log.errors.push_back({static_cast<std::size_t>(in.current() - in.begin()), {},
                              word_at(in.current(), in.end()), L == Level::Stack});
      }
    } catch (const tao::pegtl::parse_error& e) {
      in.iterator() = start;
      const auto& positions = e.positions();
      std::size_t offset = positions.empty() ? static_cast<std::size_t>(in.current() - in.begin()) : positions.front().byte;
      // At the end of the input after an earlier error, this is that error's echo.
      bool echo = offset >= static_cast<std::size_t>(in.end() - in.begin()) && !log.errors.empty();
      if (!echo) log.errors.push_back({offset, std::string(e.message()), {}, L == Level::Stack});
    }
    log.skipping = true;
    const char* stop = skip_declaration(in.current(), in.end(), L);
    in.bump(static_cast<std::size_t>(stop - in.current()));
    remember(false);
    return true;
  }
};

}  // namespace skip_item
}  // namespace infrac::grammar

template <typename Name, typename Item, infrac::grammar::skip_item::Level L>
struct tao::pegtl::analyze_traits<Name, infrac::grammar::skip_item::recover<Item, L>>
    : tao::pegtl::analyze_any_traits<> {};
