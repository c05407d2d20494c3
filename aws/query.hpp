#pragma once
// The AWS Query protocol's request side: Action, Version and parameters as a
// form-encoded POST body (libcurl 7.88 signs query strings without sorting
// them, so the body is where parameters go). Lists and maps are flattened by
// the callers with member_list/member_map into Name.member.N keys.
#include <string>
#include <utility>
#include <vector>

namespace infrac::aws {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX (upper case).
std::string percent_encode(const std::string& text);

// "Action=A&Version=V&k=v...", keys sorted by byte value, each part percent-encoded.
std::string encode_query(const std::string& action, const std::string& version, QueryParams params);

// Name.member.1=a, Name.member.2=b (CloudFormation's and Auto Scaling's lists); an empty list adds "Name=" so
// that "set to empty" can be said.
void add_member_list(QueryParams& params, const std::string& name, const std::vector<std::string>& values,
                     bool empty_means_clear = false);

}  // namespace infrac::aws
