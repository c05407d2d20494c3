// The host-key block parser: what is verified, what stays unverified, what is refused.
#include <doctest/doctest.h>

#include <vector>

#include "fleet/host_keys.hpp"
#include "support/cfn_eval.hpp"

using namespace infrac::fleet;

namespace {

const std::string kEd = "AAAAC3NzaC1lZDI1NTE5AAAAIE0jdTv/MdOEkWYcuY74glMgcuGSCIoVew+Um0StSGgO";
const std::string kEcdsa =
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFTcLzwB+e2YFRy2XSH67wNA06VoU8rI+iedNvXv/V9blm00USYDypZLRGKtwH5ifA9yPSfhkkqVrwCKp1QuHgc=";
const std::string kBegin = "-----BEGIN SSH HOST KEY KEYS-----\n";
const std::string kEnd = "-----END SSH HOST KEY KEYS-----\n";

std::string block(const std::string& lines) { return kBegin + lines + kEnd; }

}  // namespace

TEST_CASE("a complete block is verified, kernel lines and CRs skipped, comments dropped") {
  auto r = read_host_keys("boot\r\n" + kBegin + "ssh-ed25519 " + kEd + " root@host\r\n[   21.402118] random: crng init done\r\n" +
                          "ecdsa-sha2-nistp256 " + kEcdsa + "\r\n" + kEnd + "done\n");
  CHECK(r.status == KeyStatus::Verified);
  REQUIRE(r.keys.size() == 2);
  CHECK(r.keys[0] == HostKey{"ssh-ed25519", kEd});
  CHECK(r.keys[1] == HostKey{"ecdsa-sha2-nistp256", kEcdsa});
}

TEST_CASE("syslog and ec2: prefixes, as some images log the block, are ignored") {
  auto r = read_host_keys("<14>Nov 29 12:00:00 ec2: " + kBegin + "<14>Nov 29 12:00:00 ec2: ssh-ed25519 " + kEd +
                          " root@host\nec2: ecdsa-sha2-nistp256 " + kEcdsa + "\n<14>Nov 29 12:00:01 ec2: " + kEnd);
  CHECK(r.status == KeyStatus::Verified);
  CHECK(r.keys.size() == 2);
}

TEST_CASE("no block, or one cut off by the end of the output, is unverified") {
  CHECK(read_host_keys("Cloud-init v. 22.4.2 running\n").status == KeyStatus::Unverified);
  auto r = read_host_keys(kBegin + "ssh-ed25519 " + kEd + "\n");
  CHECK(r.status == KeyStatus::Unverified);
  CHECK(r.problem == "the host key block is not complete yet");
  CHECK(read_host_keys_from_console_output("").problem == "no console output yet");
}

TEST_CASE("the same block after a reboot is fine; a different second block is refused") {
  std::string b = block("ssh-ed25519 " + kEd + "\n");
  CHECK(read_host_keys(b + "reboot\n" + b).status == KeyStatus::Verified);
  auto r = read_host_keys(b + block("ecdsa-sha2-nistp256 " + kEcdsa + "\n"));
  CHECK(r.status == KeyStatus::Refused);
  CHECK(r.problem == "two host key blocks with different keys");
  CHECK(r.keys.empty());
}

TEST_CASE("malformed and tampered blocks are refused, saying where") {
  struct Case {
    std::string console, problem;
  };
  const Case cases[] = {
      {block("ssh-ed25519 " + kEd + "\nbash: echo hello\n"), "console line 3: `bash:` is not an SSH host key type"},
      {block("ecdsa-sha2-nistp256 " + kEd + "\n"), "console line 2: the ecdsa-sha2-nistp256 line holds a key of another type"},
      {block("ssh-ed25519 AAAA!!!!\n"), "console line 2: the ssh-ed25519 key is not base64"},
      {block("ssh-ed25519 QUJD\n"), "console line 2: the ssh-ed25519 key is not an SSH public key"},
      {block("ssh-ed25519\n"), "console line 2: the ssh-ed25519 line has no key"},
      {block("ssh-ed25519 " + kEd + "\nssh-ed25519 " + kEd + "\n"), "console line 3: a second ssh-ed25519 key in the block"},
      {block(""), "console line 2: the block holds no key"},
      {kEnd, "console line 1: END without BEGIN"},
      {kBegin + kBegin, "console line 2: a second BEGIN before the block's END"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.console);
    auto r = read_host_keys(c.console);
    CHECK(r.status == KeyStatus::Refused);
    CHECK(r.problem == c.problem);
  }
  CHECK(read_host_keys_from_console_output("not base64 at all!").status == KeyStatus::Refused);
}

TEST_CASE("base64 decoding matches the encoder, and rejects what is not base64") {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    CHECK(decode_base64(infrac::test::base64_encode(s)) == s);
  CHECK_FALSE(decode_base64("QUJD=QUJD").has_value());
  CHECK_FALSE(decode_base64("QUJDR").has_value());
  CHECK_FALSE(decode_base64("QU===").has_value());
}
