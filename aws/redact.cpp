#include "aws/redact.hpp"

#include <re2/re2.h>

#include <array>

#include "aws/query.hpp"

namespace infrac::aws {

namespace {

// RE2, not std::regex: traces carry whole answer bodies (a deployed template may be one long
// line), and libstdc++'s matcher recurses once per byte a `*` takes, so a long run overflowed
// the stack. RE2 runs in time linear in the text and without recursion.
RE2::Options case_insensitive() {
  RE2::Options o;
  o.set_case_sensitive(false);
  return o;
}

// What is secret by its place, kept up to the end of group 1 and shown as `****`.
const std::array<const RE2*, 6>& place_patterns() {
  static const RE2 kAuthorization(R"((authorization:\s*)[^\r\n]*)", case_insensitive());
  static const RE2 kSecurityToken(R"((x-amz-security-token:\s*)[^\r\n]*)", case_insensitive());
  static const RE2 kMetadataToken(R"((x-aws-ec2-metadata-token:\s*)[^\r\n]*)", case_insensitive());
  static const RE2 kQuery(R"(((?:X-Amz-Signature|X-Amz-Security-Token|SecretAccessKey|SessionToken|WebIdentityToken|Token)=)[^&\s]*)",
                          case_insensitive());
  static const RE2 kXml(R"((<(?:SecretAccessKey|SessionToken)>)[^<]*)");
  static const RE2 kJson(R"re(("(?:SecretAccessKey|Token|SessionToken)"\s*:\s*")[^"]*)re");
  static const std::array<const RE2*, 6> kAll = {&kAuthorization, &kSecurityToken, &kMetadataToken, &kQuery, &kXml, &kJson};
  return kAll;
}

}  // namespace

void Redactor::add_secret(const std::string& value) {
  secrets_.add(value);
  secrets_.add(percent_encode(value));
}

std::string Redactor::redact(std::string text) const {
  secrets_.mask_in_place(text);
  for (const RE2* p : place_patterns()) RE2::GlobalReplace(&text, *p, R"(\1****)");
  return text;
}

}  // namespace infrac::aws
