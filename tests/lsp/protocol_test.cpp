// The protocol layer's pieces on their own: framing on hostile input, UTF-16 positions, URIs.
#include <doctest/doctest.h>

#include <sstream>

#include "lsp/positions.hpp"
#include "lsp/transport.hpp"
#include "lsp/uri.hpp"

using namespace infrac::lsp;

TEST_CASE("UTF-16 columns count a non-ASCII character as one unit and an emoji as two") {
  std::string text = "a: \"é😀x\"\nb";  // é is 2 bytes (1 unit), 😀 is 4 bytes (2 units)
  LineIndex utf16(text);
  std::uint32_t x = static_cast<std::uint32_t>(text.find('x'));
  CHECK(utf16.position(x) == Position{0, 7});
  CHECK(utf16.offset({0, 7}) == x);
  CHECK(utf16.offset({0, 6}) == x - 4);  // inside the surrogate pair: before the emoji
  CHECK(utf16.offset({1, 0}) == text.find('b'));
  LineIndex utf8(text, PositionEncoding::Utf8);
  CHECK(utf8.position(x) == Position{0, x});
}

TEST_CASE("positions outside the text are clamped") {
  std::string text = "ab\ncd";
  LineIndex index(text);
  CHECK(index.offset({0, 99}) == 2);
  CHECK(index.offset({99, 0}) == text.size());
  CHECK(index.position(999) == Position{1, 2});
}

namespace {

// The column of `offset` counted from its line's start, character by character: what a
// LineIndex must give whatever its shortcuts.
Position counted_from_line_start(const std::string& text, std::uint32_t offset, PositionEncoding encoding) {
  std::uint32_t line = 0, start = 0;
  for (std::uint32_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  std::uint32_t character = 0;
  for (std::uint32_t at = start; at < offset;) {
    auto lead = static_cast<unsigned char>(text[at]);
    std::uint32_t bytes = lead >= 0xF0 && lead <= 0xF7 ? 4 : lead >= 0xE0 ? (lead <= 0xEF ? 3 : 1) : lead >= 0xC0 ? 2 : 1;
    if (at + bytes > offset) break;
    character += encoding == PositionEncoding::Utf8 ? bytes : encoding == PositionEncoding::Utf32 ? 1 : (bytes == 4 ? 2 : 1);
    at += bytes;
  }
  return {line, character};
}

}  // namespace

TEST_CASE("long lines: every offset and column converts as counted from the line's start") {
  // Lines far longer than the index's stride, mixing 1-, 2-, 3- and 4-byte characters, a stray
  // continuation byte, CRLF and an empty line: position() and offset() agree with counting.
  std::string text;
  for (int i = 0; i < 700; ++i) text += i % 7 == 0 ? "\xC3\xA9" : i % 11 == 0 ? "\xF0\x9F\x98\x80" : i % 13 == 0 ? "\xE2\x82\xAC" : "x";
  text += "\r\n\n";
  for (int i = 0; i < 600; ++i) text += i % 97 == 0 ? "\x80" : "ab";
  for (PositionEncoding encoding : {PositionEncoding::Utf16, PositionEncoding::Utf8, PositionEncoding::Utf32}) {
    LineIndex index(text, encoding);
    for (std::uint32_t offset = 0; offset <= text.size(); ++offset) {
      Position expected = counted_from_line_start(text, offset, encoding);
      REQUIRE(index.position(offset) == expected);
      // A column back to an offset: the character boundary at or before `offset` (a line's
      // `\r\n` aside: its columns end before the `\r`).
      if (offset < text.size() && text[offset] == '\n') continue;
      std::uint32_t back = index.offset(expected);
      REQUIRE(back <= offset);
      REQUIRE(index.position(back) == expected);
    }
  }
}

TEST_CASE("framing: well-formed, malformed headers, huge lengths, invalid JSON, end of input") {
  std::string body = R"({"jsonrpc":"2.0","method":"x"})";
  std::string input = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +  // fine
                      "Garbage without a colon\r\n\r\n" +                                      // no length
                      "Content-Length: 99999999999999999999\r\n\r\n" +                         // not a size_t
                      "Content-Length: 5\r\n\r\nnope!" +                                       // not JSON
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body +
                      "Content-Length: 100\r\n\r\n{\"trunc";                                   // cut short
  std::istringstream in(input);
  std::ostringstream out;
  Transport t(in, out, 1024);
  CHECK(t.read().kind == Incoming::Kind::Message);
  CHECK(t.read().kind == Incoming::Kind::BadFrame);
  CHECK(t.read().kind == Incoming::Kind::BadFrame);
  CHECK(t.read().kind == Incoming::Kind::InvalidJson);
  Incoming again = t.read();
  CHECK(again.kind == Incoming::Kind::Message);
  CHECK(again.message["method"] == "x");
  CHECK(t.read().kind == Incoming::Kind::End);
}

TEST_CASE("a length over the limit is refused without reading the body, and the next message is found") {
  std::string body = R"({"jsonrpc":"2.0","method":"after"})";
  std::string input = "Content-Length: 5000\r\n\r\n" + std::string(3000, 'x') + "Content-Length: " + std::to_string(body.size()) +
                      "\r\n\r\n" + body;
  std::istringstream in(input);
  std::ostringstream out;
  Transport t(in, out, 1024);
  CHECK(t.read().kind == Incoming::Kind::BadFrame);
  Incoming next = t.read();
  REQUIRE(next.kind == Incoming::Kind::Message);
  CHECK(next.message["method"] == "after");
}

TEST_CASE("writing frames a message with its byte length") {
  std::istringstream in;
  std::ostringstream out;
  Transport t(in, out);
  t.write({{"text", "é"}});
  CHECK(out.str() == "Content-Length: 13\r\n\r\n{\"text\":\"é\"}");
}

TEST_CASE("file URIs") {
  CHECK(uri_to_path("file:///tmp/a%20b/x.infra") == "/tmp/a b/x.infra");
  CHECK(uri_to_path("file://localhost/x") == "/x");
  CHECK(!uri_to_path("untitled:1"));
  CHECK(!uri_to_path("file://host/x"));
  CHECK(!uri_to_path("file:///a%2"));
  CHECK(path_to_uri("/tmp/a b/é.infra") == "file:///tmp/a%20b/%C3%A9.infra");
}
