// Times as AWS writes them (aws/time.hpp), and what an answer may hold instead.
#include <doctest/doctest.h>

#include "aws/time.hpp"

using namespace infrac::aws;

TEST_CASE("times as AWS writes them") {
  auto t = parse_iso8601("2024-05-01T12:00:00Z");
  REQUIRE(t);
  CHECK(format_iso8601(*t) == "2024-05-01T12:00:00Z");
  CHECK(parse_iso8601("2024-05-01T12:00:00.123Z"));
  auto shifted = parse_iso8601("2024-05-01T14:30:00+02:30");
  REQUIRE(shifted);
  CHECK(format_iso8601(*shifted) == "2024-05-01T12:00:00Z");
}

// xml_fuzzer: an STS answer expiring in 3089 overflowed the clock's nanoseconds (UBSan),
// and a zone that is not digits threw out of std::stoi.
TEST_CASE("a time the clock cannot hold or a malformed zone is no time, never an overflow or a throw") {
  CHECK_FALSE(parse_iso8601("3089-01-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2263-01-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("1000-01-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("-999-01-01T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2024-05-01T12:00:00+ab:cd"));
  CHECK_FALSE(parse_iso8601("2024-05-01T12:00:00+1x:00"));
  CHECK_FALSE(parse_iso8601("2024-05-01T12:00:1e308Z"));
  CHECK(parse_iso8601("2200-12-31T23:59:59Z"));
  CHECK(parse_iso8601("1970-01-01T00:00:00Z"));
}
