#pragma once
// Every resource limit of the compiler in one place: each is documented in
// docs/limits.md (keep the two in step), and going past one is an error that
// names the limit, never a crash, a hang or an exhausted machine.
#include <cstddef>
#include <cstdint>

namespace infrac::limits {

// Input files. A template is at most 1 MB, so no sane source is near these.
constexpr std::uintmax_t kSourceBytes = 8 * 1024 * 1024;  // a .infra file, given or imported
constexpr std::uintmax_t kFileTextBytes = 1024 * 1024;    // a text read by file("...")
constexpr std::size_t kSourceFiles = 10000;               // files in one compilation (imports and texts)

// Parsing: PEGTL rule nesting (a bracket costs several rules, so about 100 brackets).
constexpr std::size_t kParserRuleDepth = 600;

// Resolving: how deep a value may be nested once lets are substituted (a let may
// hold another let's value, so lets could otherwise build what the parser refuses).
constexpr std::size_t kValueDepth = 100;
// Lets defined through other lets, one inside the next.
constexpr std::size_t kLetChain = 1000;
// Components nested in components.
constexpr std::size_t kComponentDepth = 16;
// Loops and components: copies of a body, and the size of what they produce
// (expression nodes plus text bytes), together with what lets splice in. A project
// legitimately expands in proportion to its source (each tier is written once, as a loop
// item or a `use`), so a compilation that read more source may make more: a copy per
// 64 bytes of source and 4 nodes or text bytes per byte, where that is more than these.
// Doubling (lets of lets, loops in loops) outgrows any such line at once.
constexpr std::size_t kExpansionCopies = 20000;
constexpr std::size_t kExpansionSize = 4 * 1000 * 1000;
constexpr std::size_t kSourceBytesPerExpansionCopy = 64;
constexpr std::size_t kExpansionSizePerSourceByte = 4;

// Diagnostics: errors printed before infrac stops printing (--error-limit), and
// how much of a name a message quotes.
constexpr std::size_t kDefaultErrorLimit = 50;
constexpr std::size_t kNameInMessage = 100;

}  // namespace infrac::limits
