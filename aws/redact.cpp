#include "aws/redact.hpp"

#include <array>
#include <regex>

#include "aws/query.hpp"

namespace infrac::aws {

void Redactor::add_secret(const std::string& value) {
  secrets_.add(value);
  secrets_.add(percent_encode(value));
}

std::string Redactor::redact(std::string text) const {
  secrets_.mask_in_place(text);
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
