// cfn/json_writer: byte for byte what nlohmann's dump(2, ' ', false, replace) prints,
// on the edge cases of JSON text, on random values and on every golden file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "cfn/json_writer.hpp"

using infrac::Json;
using infrac::cfn::json_text;

namespace {

std::string nlohmann_text(const Json& value) { return value.dump(2, ' ', false, Json::error_handler_t::replace); }

// A random value of bounded depth: every JSON type, texts with escapes, UTF-8 and invalid bytes.
Json random_value(std::mt19937& random, int depth) {
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  switch (depth <= 0 ? pick(6) : pick(8)) {
    case 0: return nullptr;
    case 1: return pick(2) == 0;
    case 2: return static_cast<std::int64_t>(random()) - (1LL << 31);
    case 3: return static_cast<double>(static_cast<std::int32_t>(random())) / 1024.0;
    case 4: return static_cast<std::uint64_t>(random()) << 32 | random();
    case 5: {
      static const char* kPieces[] = {"a", "${!x}", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "é", "€", "😀", "\xff", "\xc3", "\xed\xa0\x80", " "};
      std::string text;
      for (int i = pick(12); i > 0; --i) text += kPieces[pick(std::size(kPieces))];
      return text;
    }
    case 6: {
      Json list = Json::array();
      for (int i = pick(4); i > 0; --i) list.push_back(random_value(random, depth - 1));
      return list;
    }
    default: {
      Json map = Json::object();
      for (int i = pick(4); i > 0; --i) map["k" + std::to_string(pick(100)) + (pick(4) == 0 ? "\n\"é" : "")] = random_value(random, depth - 1);
      return map;
    }
  }
}

}  // namespace

TEST_CASE("json_text prints what nlohmann prints") {
  for (const char* text : {R"(null)", R"(true)", R"(false)", R"(0)", R"(-9223372036854775808)", R"(18446744073709551615)", R"(1.0)",
                           R"(1e100)", R"(-0.0)", R"(3.141592653589793)", R"(1.5e-7)", R"("")", R"({})", R"([])", R"([[]])",
                           R"({"a": {}, "b": []})", R"({"Fn::Sub": "a ${!b} \"c\" \\ \n\t\r\b\f \u0001 \u001f \u007f"})",
                           R"({"é€😀": ["x", 1, null, {"": ""}]})"}) {
    Json value = Json::parse(text);
    CHECK(json_text(value) == nlohmann_text(value));
  }
  for (std::string invalid : {std::string("\xff"), std::string("a\xc3"), std::string("\xed\xa0\x80 surrogate"),
                              std::string("\xc0\xaf overlong"), std::string("\xf4\x90\x80\x80 too big")}) {
    Json value = Json{{invalid, invalid}};
    CHECK(json_text(value) == nlohmann_text(value));
  }
  Json nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(json_text(nan) == nlohmann_text(nan));
}

TEST_CASE("json_text agrees with nlohmann on random values") {
  std::mt19937 random(16);
  for (int i = 0; i < 2000; ++i) {
    Json value = random_value(random, 4);
    REQUIRE(json_text(value) == nlohmann_text(value));
  }
}

TEST_CASE("json_text agrees with nlohmann on every golden JSON file") {
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator("golden")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Json value = Json::parse(text);
    CHECK_MESSAGE(json_text(value) == nlohmann_text(value), entry.path().string());
    ++files;
  }
  CHECK(files > 50);
}
