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
