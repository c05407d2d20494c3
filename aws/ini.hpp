#pragma once
// The AWS shared files (~/.aws/credentials, ~/.aws/config): INI sections of
// `key = value` lines. In config, sections are `[profile NAME]` (and
// `[default]`); in credentials, `[NAME]`. Indented lines continue a nested
// block (`s3 =` then `  max_concurrent_requests = 10`) and are skipped.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace infrac::aws {

using Profile = std::map<std::string, std::string>;
using ProfileFile = std::map<std::string, Profile>;  // profile name -> keys

// `config_file`: strip the "profile " prefix of section names.
ProfileFile parse_profile_file(const std::string& text, bool config_file);

// A settings file (shared config, credentials, a web identity token) is never larger.
inline constexpr std::uintmax_t kMaxSettingsFile = 1u << 20;

// Reads a file through the one safe reader (io/safe_read.hpp: a regular file of at most
// kMaxSettingsFile, not under /proc, /sys or /dev); nullopt when it does not exist or cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

}  // namespace infrac::aws
