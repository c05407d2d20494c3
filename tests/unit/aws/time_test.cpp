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

// sscanf's %d and %lf read signs, spaces and exponents: "1e1" seconds were 10 seconds.
TEST_CASE("a time is read strictly: digits where digits belong, nothing else") {
  for (const char* bad : {"2024-05-01T12:00:1e1Z", " 2024-05-01T12:00:00Z", "+024-05-01T12:00:00Z", "2024-5-01T12:00:00Z",
                          "2024-05-01T12:00:+5Z", "2024-05-01T12:0 :00Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+1:000",
                          "2024-05-01T12:00:00+24:00", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00ZZ", ""}) {
    std::string shown = bad;
    CAPTURE(shown);
    CHECK_FALSE(parse_iso8601(bad));
  }
  auto fine = parse_iso8601("2024-05-01T12:00:00.123456789999Z");
  REQUIRE(fine);
  CHECK(std::chrono::duration_cast<std::chrono::nanoseconds>(*fine - *parse_iso8601("2024-05-01T12:00:00Z")).count() == 123456789);
  CHECK(format_iso8601(*parse_iso8601("2024-05-01T12:00:00-01:30")) == "2024-05-01T13:30:00Z");
}
