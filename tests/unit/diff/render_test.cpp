// diff/render: the three views of one hand-built model say the same thing.
#include <doctest/doctest.h>

#include "diff/render.hpp"

using infrac::Json;
using namespace infrac::diff;

namespace {

// One stack with a resource that may be modified: it uses an attribute that may change.
Diff uncertain_modify() {
  DeclarationChange d;
  d.section = "Resources";
  d.name = "Consumer";
  d.type = "AWS::SQS::Queue";
  d.action = Action::Modify;
  d.certain = false;
  d.reasons.push_back({"uses `Producer.Arn`, which may change when its resource is modified", Action::Modify, false});
  StackDiff s;
  s.name = "app";
  s.changes.push_back(d);
  return Diff{{s}};
}

}  // namespace

TEST_CASE("a resource that may be modified reads \"may modify\" in text and markdown; JSON says certain false") {
  Diff diff = uncertain_modify();
  CHECK(render_text(diff).find("Consumer  AWS::SQS::Queue  may modify") != std::string::npos);
  CHECK(render_markdown(diff).find("| `Consumer` | `AWS::SQS::Queue` | may modify |") != std::string::npos);
  Json json = Json::parse(render_json(diff));
  CHECK(json["stacks"][0]["changes"][0]["action"] == "modify");
  CHECK(json["stacks"][0]["changes"][0]["certain"] == false);
}
