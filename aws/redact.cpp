#include "aws/redact.hpp"

#include <array>
#include <regex>

#include "aws/query.hpp"

namespace infrac::aws {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

void Redactor::add_secret(const std::string& value) {
  if (value.size() >= 4) secrets_.insert(value);
}

std::string Redactor::redact(std::string text) const {
  for (const auto& s : secrets_) {
    replace_all(text, s, "****");
    replace_all(text, percent_encode(s), "****");
  }
  static const std::array<std::regex, 5> kPatterns = {
      std::regex(R"((authorization:\s*)[^\r\n]*)", std::regex::icase),
      std::regex(R"((x-amz-security-token:\s*)[^\r\n]*)", std::regex::icase),
      std::regex(R"((x-aws-ec2-metadata-token:\s*)[^\r\n]*)", std::regex::icase),
      std::regex(R"(((?:X-Amz-Signature|X-Amz-Security-Token|SecretAccessKey|SessionToken|WebIdentityToken|Token)=)[^&\s]*)",
                 std::regex::icase),
      std::regex(R"((<(SecretAccessKey|SessionToken)>)[^<]*)"),
  };
  for (const auto& p : kPatterns) text = std::regex_replace(text, p, "$1****");
  static const std::regex kJsonSecrets(R"re(("(?:SecretAccessKey|Token|SessionToken)"\s*:\s*")[^"]*)re");
  return std::regex_replace(text, kJsonSecrets, "$1****");
}

}  // namespace infrac::aws
