#pragma once
// SSH host keys as cloud-init prints them to the console at first boot
// (cc_keys_to_console), between `-----BEGIN SSH HOST KEY KEYS-----` and
// `-----END SSH HOST KEY KEYS-----`, one `TYPE BASE64 [COMMENT]` line per key.
// The console is written only by the instance itself, and AWS hands it to whoever
// may call GetConsoleOutput: a key read from there is the instance's own, which
// is what makes it a verified key rather than trust on first use.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fleet/model.hpp"

namespace infrac::fleet {

struct HostKeyReading {
  KeyStatus status = KeyStatus::Unverified;
  std::vector<HostKey> keys;  // only when Verified, in the block's order
  std::string problem;        // why Unverified or Refused
};

// Reads the block out of the decoded console text. A block is refused when a line
// is not a key of a known type, a key's blob names another type than its line, a
// type repeats, the block is empty or unterminated before another BEGIN, or two
// blocks disagree (the same block printed again after a reboot is fine). Kernel
// log lines (`[   12.345678] ...`) interleaved with the block are skipped, and a
// syslog prefix (`<14>Nov 29 12:00:00 `) or `ec2: ` before a line is ignored. No block,
// or one cut off by the end of the output: unverified, ask again later.
HostKeyReading read_host_keys(std::string_view console_text);

// GetConsoleOutput's Output, base64; nullopt when it is not base64.
std::optional<std::string> decode_base64(std::string_view text);

// The same reading from the base64 answer (empty: no output yet).
HostKeyReading read_host_keys_from_console_output(std::string_view base64_output);

}  // namespace infrac::fleet
