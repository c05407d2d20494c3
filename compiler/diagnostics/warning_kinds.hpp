#pragma once
// The warnings a declaration may silence for itself with `silence "kind"`
// (check/silence.hpp; grammar/REFERENCE.md, "Silencing a warning"). Each kind is
// the word written in the source; the phases that report one pass it along.
#include <string_view>
#include <vector>

namespace infrac::warning_kind {

inline constexpr std::string_view kLaunchConfiguration = "launch-configuration";
inline constexpr std::string_view kUnused = "unused";
inline constexpr std::string_view kNoEchoDefault = "no-echo-default";
inline constexpr std::string_view kSubSyntax = "sub-syntax";
inline constexpr std::string_view kDependsOnImplied = "depends-on-implied";
inline constexpr std::string_view kUserDataSize = "user-data-size";
inline constexpr std::string_view kWindowsLineEndings = "windows-line-endings";

inline const std::vector<std::string_view>& all() {
  static const std::vector<std::string_view> kinds = {kLaunchConfiguration, kUnused,       kNoEchoDefault,       kSubSyntax,
                                                      kDependsOnImplied,    kUserDataSize, kWindowsLineEndings};
  return kinds;
}

}  // namespace infrac::warning_kind
