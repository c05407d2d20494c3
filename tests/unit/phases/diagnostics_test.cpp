// Rendering: clang's layout, carets under the right bytes, colour only on request.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "diagnostics/render.hpp"

TEST_CASE("text diagnostics show location, source line, caret and notes") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "line one\n\tbad  here\n");
  infrac::Diagnostics d;
  auto& e = d.error({id, 10, 13}, "unknown name `bad`");
  e.notes.push_back({std::nullopt, "did you mean `bat`?"});
  CHECK(infrac::render_text(d.sorted(), sources, false) ==
        "a.infra:2:2: error: unknown name `bad`\n"
        "\tbad  here\n"
        "\t^~~\n"
        "note: did you mean `bat`?\n");
  CHECK(infrac::render_text(d.sorted(), sources, true).find("\x1b[") != std::string::npos);
}

TEST_CASE("diagnostics are sorted by position and exact repeats dropped") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "abcdef\n");
  infrac::Diagnostics d;
  d.error({id, 4, 5}, "second");
  d.error({id, 1, 2}, "first");
  d.error({id, 4, 5}, "second");
  auto sorted = d.sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].message == "first");
  CHECK(sorted[1].message == "second");
}

TEST_CASE("control characters in source lines are not sent to the terminal") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "x\x1b[2Jy\n");
  infrac::Diagnostics d;
  d.error({id, 0, 1}, "m");
  CHECK(infrac::render_text(d.sorted(), sources, false).find('\x1b') == std::string::npos);
}

TEST_CASE("did you mean: close names only") {
  CHECK(infrac::closest_name("AppServerAMl", {"AppServerAMI", "Other"}) == "AppServerAMI");
  CHECK(infrac::closest_name("x", {"AppServerAMI"}) == std::nullopt);
}

TEST_CASE("json diagnostics carry line, column and notes") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "ab\ncd\n");
  infrac::Diagnostics d;
  d.error({id, 4, 5}, "m").notes.push_back({std::nullopt, "n"});
  auto json = nlohmann::json::parse(infrac::render_json(d.sorted(), sources));
  CHECK(json["diagnostics"][0]["line"] == 2);
  CHECK(json["diagnostics"][0]["column"] == 2);
  CHECK(json["diagnostics"][0]["notes"][0]["message"] == "n");
}

TEST_CASE("secrets are masked in every printed source line") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "param Pw: String = \"hunter2\" { bad }\n");
  infrac::Diagnostics d;
  d.mark_secret({id, 19, 28});
  d.error({id, 31, 34}, "unknown attribute");
  std::string text = infrac::render_text(d.sorted(), sources, false, d.secrets());
  CHECK(text.find("hunter2") == std::string::npos);
  CHECK(text.find("param Pw: String = ********* { bad }") != std::string::npos);
}

TEST_CASE("a silenced kind of warning is dropped inside its region only, also when reported before") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "0123456789abcdef\n");
  infrac::Diagnostics d;
  d.warning({id, 2, 3}, "reported before the silence", "unused");
  d.silence({id, 0, 8}, "unused");
  d.warning({id, 4, 5}, "inside, of the kind", "unused");
  d.warning({id, 5, 6}, "inside, another kind", "sub-syntax");
  d.warning({id, 6, 7}, "inside, of no kind");
  d.error({id, 6, 7}, "an error");
  d.warning({id, 10, 11}, "outside, of the kind", "unused");
  std::vector<std::string> messages;
  for (const auto& diagnostic : d.sorted()) messages.push_back(diagnostic.message);
  CHECK(messages == std::vector<std::string>{"inside, another kind", "inside, of no kind", "an error", "outside, of the kind"});
  CHECK(d.warning_count() == 3);
  CHECK(d.error_count() == 1);
}

TEST_CASE("a repeated diagnostic is shown once with the notes of every repeat") {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("a.infra", "abcdef\n");
  infrac::Diagnostics d;
  d.error({id, 1, 2}, "same").notes.push_back({infrac::Span{id, 3, 4}, "in `Orders`"});
  d.error({id, 1, 2}, "same").notes.push_back({infrac::Span{id, 4, 5}, "in `Refunds`"});
  d.error({id, 1, 2}, "same").notes.push_back({infrac::Span{id, 3, 4}, "in `Orders`"});
  auto sorted = d.sorted();
  REQUIRE(sorted.size() == 1);
  REQUIRE(sorted[0].notes.size() == 2);
  CHECK(sorted[0].notes[0].message == "in `Orders`");
  CHECK(sorted[0].notes[1].message == "in `Refunds`");
}
