#include "fleet/host_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <variant>

namespace infrac::fleet {
namespace {

constexpr std::string_view kBegin = "-----BEGIN SSH HOST KEY KEYS-----";
constexpr std::string_view kEnd = "-----END SSH HOST KEY KEYS-----";

constexpr std::array<std::string_view, 6> kKeyTypes = {
    "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"};

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// `[   12.345678] ...`: the kernel writes to the same console at any time.
bool is_kernel_log_line(std::string_view line) {
  if (line.empty() || line.front() != '[') return false;
  size_t close = line.find(']');
  if (close == std::string_view::npos || close < 2) return false;
  std::string_view stamp = trim(line.substr(1, close - 1));
  bool dot = false;
  for (char c : stamp) {
    if (c == '.' && !dot) dot = true;
    else if (c < '0' || c > '9') return false;
  }
  return dot && !stamp.empty();
}

// What some images put before each console line: a syslog priority and time
// (`<14>Nov 29 12:00:00 `) and cloud-init's old program name (`ec2: `).
std::string_view strip_console_prefix(std::string_view line) {
  if (line.starts_with('<')) {
    size_t close = line.find('>');
    if (close != std::string_view::npos && close > 1 &&
        line.substr(1, close - 1).find_first_not_of("0123456789") == std::string_view::npos) {
      line.remove_prefix(close + 1);
      // "Nov 29 12:00:00 ": month, day, time, each followed by a space.
      if (line.size() > 16 && line[3] == ' ' && line[6] == ' ' && line[9] == ':' && line[12] == ':' && line[15] == ' ')
        line.remove_prefix(16);
    }
  }
  if (line.starts_with("ec2: ")) line.remove_prefix(5);
  else if (line == "ec2:") line = {};
  return trim(line);
}

// SSH's wire encoding of a public key starts with its type as a length-prefixed string.
std::optional<std::string> blob_key_type(const std::string& blob) {
  if (blob.size() < 4) return std::nullopt;
  uint32_t n = (uint32_t(uint8_t(blob[0])) << 24) | (uint32_t(uint8_t(blob[1])) << 16) |
               (uint32_t(uint8_t(blob[2])) << 8) | uint32_t(uint8_t(blob[3]));
  if (n == 0 || n > 64 || blob.size() < 4 + size_t(n)) return std::nullopt;
  return blob.substr(4, n);
}

// One line of the block: a key, or why it is not one.
std::variant<HostKey, std::string> parse_key_line(std::string_view line) {
  size_t space = line.find(' ');
  std::string type(line.substr(0, space));
  if (std::find(kKeyTypes.begin(), kKeyTypes.end(), type) == kKeyTypes.end())
    return fmt::format("`{}` is not an SSH host key type", type.substr(0, 40));
  if (space == std::string_view::npos) return fmt::format("the {} line has no key", type);
  std::string_view rest = trim(line.substr(space + 1));
  std::string key(rest.substr(0, rest.find(' ')));
  auto blob = decode_base64(key);
  if (!blob || key.empty()) return fmt::format("the {} key is not base64", type);
  auto inner = blob_key_type(*blob);
  if (!inner) return fmt::format("the {} key is not an SSH public key", type);
  if (*inner != type) return fmt::format("the {} line holds a key of another type", type);
  return HostKey{type, key};
}

HostKeyReading refuse(std::string problem) { return {KeyStatus::Refused, {}, std::move(problem)}; }

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  size_t padding = 0, symbols = 0;
  for (char c : text) {
    if (c == '\n' || c == '\r') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    int v = base64_value(c);
    if (v < 0 || padding > 0) return std::nullopt;  // a stray character, or data after padding
    ++symbols;
    buffer = (buffer << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(char((buffer >> bits) & 0xff));
    }
  }
  if (padding > 2 || (symbols + padding) % 4 == 1) return std::nullopt;
  return out;
}

HostKeyReading read_host_keys(std::string_view console_text) {
  std::vector<std::vector<HostKey>> blocks;
  std::optional<std::vector<HostKey>> open;  // inside a block
  size_t line_number = 0;
  for (size_t start = 0; start < console_text.size();) {
    size_t end = console_text.find('\n', start);
    if (end == std::string_view::npos) end = console_text.size();
    std::string_view line = strip_console_prefix(trim(console_text.substr(start, end - start)));
    start = end + 1;
    ++line_number;
    if (line == kBegin) {
      if (open) return refuse(fmt::format("console line {}: a second BEGIN before the block's END", line_number));
      open.emplace();
    } else if (line == kEnd) {
      if (!open) return refuse(fmt::format("console line {}: END without BEGIN", line_number));
      if (open->empty()) return refuse(fmt::format("console line {}: the block holds no key", line_number));
      blocks.push_back(std::move(*open));
      open.reset();
    } else if (open && !line.empty() && !is_kernel_log_line(line)) {
      auto key = parse_key_line(line);
      if (auto* problem = std::get_if<std::string>(&key)) return refuse(fmt::format("console line {}: {}", line_number, *problem));
      HostKey k = std::get<HostKey>(std::move(key));
      for (const auto& seen : *open)
        if (seen.type == k.type) return refuse(fmt::format("console line {}: a second {} key in the block", line_number, k.type));
      open->push_back(std::move(k));
    }
  }
  if (blocks.empty())
    return {KeyStatus::Unverified, {}, open ? "the host key block is not complete yet" : "no host key block in the console output"};
  for (size_t i = 1; i < blocks.size(); ++i)
    if (blocks[i] != blocks[0]) return refuse("two host key blocks with different keys");
  return {KeyStatus::Verified, std::move(blocks[0]), ""};
}

HostKeyReading read_host_keys_from_console_output(std::string_view base64_output) {
  if (trim(base64_output).empty()) return {KeyStatus::Unverified, {}, "no console output yet"};
  auto text = decode_base64(trim(base64_output));
  if (!text) return refuse("the console output is not base64");
  return read_host_keys(*text);
}

}  // namespace infrac::fleet
