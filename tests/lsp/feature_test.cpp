// Feature tests of the workspace API (lsp/workspace/workspace.hpp) on annotated sources:
// the buffers are opened unsaved (never written where the file would be), so each test
// also proves that the compiler reads through the editor's buffers.
#include <doctest/doctest.h>

#include <algorithm>

#include "limits.hpp"
#include "lsp/annotations.hpp"
#include "lsp/workspace/workspace.hpp"
#include "spec/resource_spec.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

using infrac::lsp::FileRange;
using infrac::lsp::Workspace;
using infrac::test::Annotations;

namespace {

struct Project {
  infrac::test::TempDir dir;
  Workspace workspace;
  std::string path(const std::string& name) const { return infrac::lsp::normal_path((dir.path() / name).string()); }
  // Opens `name` with the annotated text as an unsaved buffer.
  Annotations open(const std::string& name, std::string_view marked) {
    Annotations a(marked);
    workspace.open(path(name), a.code(), 1);
    return a;
  }
};

std::vector<std::string> labels(const infrac::lsp::Completion& c) {
  std::vector<std::string> out;
  for (const auto& i : c.items) out.push_back(i.label);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) { return std::find(list.begin(), list.end(), item) != list.end(); }

}  // namespace

TEST_CASE("definition and references of a parameter, in values and in text blocks") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  param [[Env]]: String = "prod"
  resource Bucket: AWS::S3::Bucket {
    BucketName: "logs-<<[[E^nv]]>>"
  }
  output Where = [[Env]]
})");
  std::string app = p.path("app.infra");
  auto ranges = a.ranges();
  auto def = p.workspace.definition(app, a.point());
  REQUIRE(def.size() == 1);
  CHECK(def[0] == FileRange{app, ranges[0].begin, ranges[0].end});
  auto refs = p.workspace.references(app, a.point(), true);
  REQUIRE(refs.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK(refs[i] == FileRange{app, ranges[i].begin, ranges[i].end});
  CHECK(p.workspace.references(app, a.point(), false).size() == 2);
}

TEST_CASE("another stack's output, across files, and rename of it everywhere") {
  Project p;
  Annotations network = p.open("network.infra", R"(stack network {
  resource Vpc: AWS::EC2::VPC { CidrBlock: "10.0.0.0/16" }
  output [[VpcId]] = Vpc
})");
  Annotations app = p.open("app.infra", R"(stack app {
  resource Group: AWS::EC2::SecurityGroup {
    GroupDescription: "app"
    VpcId: network.[[Vp^cId]]
  }
})");
  auto def = p.workspace.definition(p.path("app.infra"), app.point());
  REQUIRE(def.size() == 1);
  CHECK(def[0] == FileRange{p.path("network.infra"), network.range().begin, network.range().end});
  std::string error;
  auto edits = p.workspace.rename(p.path("app.infra"), app.point(), "NetworkVpcId", error);
  CHECK(error.empty());
  REQUIRE(edits.size() == 2);
  CHECK(edits[p.path("app.infra")].size() == 1);
  CHECK(edits[p.path("app.infra")][0].begin == app.range().begin);
  CHECK(edits[p.path("network.infra")][0].begin == network.range().begin);
  CHECK(!p.workspace.rename(p.path("app.infra"), app.point(), "not a name", error).size());
  CHECK(!error.empty());
}

TEST_CASE("components: the component, its parameters, instances and the names they make") {
  Project p;
  Annotations a = p.open("app.infra", R"(component [[Queue]](Name: String, Retention = 345600) {
  resource [[Main]]: AWS::SQS::Queue { QueueName: Name, MessageRetentionPeriod: [[Retention]] }
}

stack app {
  use Q^ueue as Orders { Name: "orders", $arg[[Ret^ention]]: 60 }
  output Arn = Orders$made[[Ma^in]].Arn
})");
  std::string app = p.path("app.infra");
  auto points = a.points();
  auto ranges = a.ranges();
  auto def = p.workspace.definition(app, points[0]);
  REQUIRE(def.size() == 1);
  CHECK(def[0].begin == ranges[0].begin);
  // The argument names the component's parameter.
  def = p.workspace.definition(app, points[1]);
  REQUIRE(def.size() == 1);
  CHECK(p.workspace.references(app, points[1], true).size() == 3);
  // `OrdersMain` is the instance's copy of `Main`; renaming renames only the `Main` part.
  def = p.workspace.definition(app, points[2]);
  REQUIRE(def.size() == 1);
  CHECK(def[0].begin == ranges[1].begin);
  std::string error;
  auto edits = p.workspace.rename(app, points[2], "Primary", error);
  REQUIRE(edits[app].size() == 2);
  CHECK(edits[app][1].begin == a.range("made").begin);
  auto hover = p.workspace.hover(app, points[0]);
  REQUIRE(hover);
  CHECK(hover->markdown.find("component **Queue**(Name: String, Retention = 345600)") != std::string::npos);
}

TEST_CASE("components: a use without `as` adds no prefix, and one that uses itself ends") {
  Project p;
  Annotations a = p.open("app.infra", R"(component Alarm(Queue) {
  resource [[DeadAlarm]]: AWS::CloudWatch::Alarm { AlarmActions: [] }
}

component Loop {
  use Loop
}

component WorkQueue {
  resource Dead: AWS::SQS::Queue {}
  use Alarm { Queue: Dead }
}

stack app {
  use Loop
  use WorkQueue as Orders
  output A = Orders$made[[Dead^Alarm]]
  output B = LoopNothin^g
})");
  std::string app = p.path("app.infra");
  auto points = a.points();
  auto def = p.workspace.definition(app, points[0]);
  REQUIRE(def.size() == 1);
  CHECK(def[0].begin == a.ranges()[0].begin);
  CHECK(p.workspace.definition(app, points[1]).empty());
}

TEST_CASE("hover: a resource type and a property from the specification, a parameter") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  param Size: Number = 2 { description "How many", min_value 1 }
  resource Vpc: AWS::EC2::V^PC {
    $prop^CidrBlock: "10.0.0.0/16"
    $nested^Tags: [{ $key^Key: "a", Value: "b" }]
  }
  output O = $param^Size
})");
  std::string app = p.path("app.infra");
  REQUIRE(p.workspace.spec());
  auto type = p.workspace.hover(app, a.point());
  REQUIRE(type);
  CHECK(type->markdown.find("**AWS::EC2::VPC**") == 0);
  CHECK(type->markdown.find("`CidrBlock`: string, replaces") != std::string::npos);
  auto prop = p.workspace.hover(app, a.point("prop"));
  REQUIRE(prop);
  CHECK(prop->markdown.find("update: a change replaces the resource") != std::string::npos);
  auto key = p.workspace.hover(app, a.point("key"));
  REQUIRE(key);
  CHECK(key->markdown.find("property **Key**") == 0);
  CHECK(key->markdown.find("required") != std::string::npos);
  auto param = p.workspace.hover(app, a.point("param"));
  REQUIRE(param);
  CHECK_MESSAGE(param->markdown.find("param **Size**: `Number` = `2`") == 0, param->markdown);
  CHECK(param->markdown.find("How many") != std::string::npos);
  CHECK(param->markdown.find("`min_value` 1") != std::string::npos);
}

TEST_CASE("hover: a property's allowed values, the first twelve of a long list") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  resource Group: AWS::ElasticLoadBalancingV2::TargetGroup { $short^Protocol: "HTTP" }
  resource Server: AWS::EC2::Instance { $long^InstanceType: "t3.micro" }
})");
  auto short_list = p.workspace.hover(p.path("app.infra"), a.point("short"));
  REQUIRE(short_list);
  CHECK(short_list->markdown.find("allowed values: `GENEVE` `HTTP` `HTTPS` `QUIC` `TCP` `TCP_QUIC` `TCP_UDP` `TLS` `UDP`") != std::string::npos);
  auto long_list = p.workspace.hover(p.path("app.infra"), a.point("long"));
  REQUIRE(long_list);
  std::size_t more = p.workspace.spec()->find_property("AWS::EC2::Instance", "InstanceType")->shape.allowed.size() - 12;
  CHECK(long_list->markdown.find("and " + std::to_string(more) + " more") != std::string::npos);
}

TEST_CASE("hover never shows a no_echo default") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  param Password: String = "hunter2" { no_echo true }
  output O = Pass^word
})");
  auto h = p.workspace.hover(p.path("app.infra"), a.point());
  REQUIRE(h);
  CHECK(h->markdown.find("hunter2") == std::string::npos);
}

// Each completion happens while the text around the cursor does not parse yet; the rest does.
std::vector<std::string> complete_at(const std::string& marked) {
  Project p;
  Annotations a = p.open("app.infra", marked);
  return labels(p.workspace.complete(p.path("app.infra"), a.point()));
}

TEST_CASE("completion: resource types") {
  CHECK(has(complete_at("stack app {\n  resource Bucket: AWS::S3::Bu^\n}\n"), "AWS::S3::Bucket"));
}

TEST_CASE("completion: property names of the type and the resource attributes, nested property names") {
  const char* base = R"(stack app {
  resource Template: AWS::EC2::LaunchTemplate {
    $prop^
    LaunchTemplateData: {
      Ima$nested^
    }
  }
})";
  Project p;
  Annotations a = p.open("app.infra", base);
  auto props = labels(p.workspace.complete(p.path("app.infra"), a.point("prop")));
  CHECK(has(props, "LaunchTemplateData"));
  CHECK(has(props, "depends_on"));
  auto nested = labels(p.workspace.complete(p.path("app.infra"), a.point("nested")));
  CHECK(has(nested, "ImageId"));
  CHECK(!has(nested, "LaunchTemplateData"));
}

TEST_CASE("completion: attributes after `Res.`, outputs after `stack.`") {
  const char* source = R"(stack network {
  output VpcId = "v"
}
stack app {
  resource Template: AWS::EC2::LaunchTemplate { LaunchTemplateData: {} }
  output A = Template.$attr^
  output B = network.$output^
})";
  Project p;
  Annotations a = p.open("app.infra", source);
  auto attrs = labels(p.workspace.complete(p.path("app.infra"), a.point("attr")));
  CHECK(has(attrs, "LatestVersionNumber"));
  auto outputs = labels(p.workspace.complete(p.path("app.infra"), a.point("output")));
  CHECK(outputs == std::vector<std::string>{"VpcId"});
}

TEST_CASE("completion: `<<` names inside text, keywords at the start of a declaration, names and functions in values") {
  auto text = complete_at("stack app {\n  param Env: String\n  output B = \"x-<<E^\"\n}\n");
  CHECK(has(text, "Env"));
  CHECK(!has(text, "join"));
  auto keywords = complete_at("stack app {\n  param Env: String\n  ^\n}\n");
  CHECK(has(keywords, "resource"));
  auto values = complete_at("stack app {\n  param Env: String\n  output O = ^\n}\n");
  CHECK(has(values, "Env"));
  CHECK(has(values, "join"));
  CHECK(has(values, "AWS::Region"));
  CHECK(has(complete_at("^"), "stack"));
  CHECK(complete_at("stack app { # a comm^").empty());
}

TEST_CASE("completion puts required properties first") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  resource Group: AWS::AutoScaling::AutoScalingGroup {
    ^
  }
})");
  auto c = p.workspace.complete(p.path("app.infra"), a.point());
  std::sort(c.items.begin(), c.items.end(), [](const auto& x, const auto& y) { return x.sort < y.sort; });
  REQUIRE(!c.items.empty());
  CHECK(c.items.front().label == "MaxSize");
  CHECK(c.items.front().detail.find("required") != std::string::npos);
}

TEST_CASE("diagnostics of unsaved buffers across the project, with notes and did-you-mean fixes") {
  Project p;
  p.open("network.infra", R"(stack network {
  resource Vpc: AWS::EC2::VPC { CidrBlock: "10.0.0.0/16" }
  output VpcId = Vpc
  policy { allow * "*" }
})");
  Annotations app = p.open("app.infra", R"(stack app {
  resource Group: AWS::EC2::SecurityGroup {
    GroupDescription: "app"
    VpcId: network.[[VpcIdd]]
  }
  policy { allow * "*" }
})");
  auto result = p.workspace.diagnose(p.path("app.infra"));
  REQUIRE(result.files.count(p.path("app.infra")));
  CHECK(result.files[p.path("network.infra")].empty());
  auto& list = result.files[p.path("app.infra")];
  REQUIRE(list.size() == 1);
  CHECK(list[0].severity == infrac::Severity::Error);
  REQUIRE(list[0].did_you_mean);
  CHECK(*list[0].did_you_mean == "VpcId");
  CHECK(result.versions[p.path("app.infra")] == 1);
  auto fixes = p.workspace.fixes(p.path("app.infra"), 0, static_cast<std::uint32_t>(app.code().size()));
  REQUIRE(fixes.size() == 1);
  CHECK(fixes[0].edit.begin == app.range().begin);
  CHECK(fixes[0].edit.end == app.range().end);
  CHECK(fixes[0].edit.text == "VpcId");
}

TEST_CASE("imports and file() texts come from the buffers; definition on them opens the file") {
  Project p;
  p.open("lib/common.infra", "let Prefix = \"acme\"\n");
  p.open("scripts/boot.sh", "#!/bin/sh\necho <<Prefix>>\n");
  Annotations a = p.open("app.infra", R"(import "lib/com^mon.infra"
stack app {
  resource T: AWS::EC2::LaunchTemplate {
    LaunchTemplateData: { UserData: base64($file^file("scripts/boot.sh")) }
  }
  output P = $let^Prefix
  policy { allow * "*" }
})");
  std::string app = p.path("app.infra");
  auto def = p.workspace.definition(app, a.point());
  REQUIRE(def.size() == 1);
  CHECK(def[0].path == p.path("lib/common.infra"));
  def = p.workspace.definition(app, a.point("file"));
  REQUIRE(def.size() == 1);
  CHECK(def[0].path == p.path("scripts/boot.sh"));
  def = p.workspace.definition(app, a.point("let"));
  REQUIRE(def.size() == 1);
  CHECK(def[0].path == p.path("lib/common.infra"));
  // The script's <<Prefix>> is a use of the let too.
  auto refs = p.workspace.references(app, a.point("let"), false);
  CHECK(std::any_of(refs.begin(), refs.end(), [&](const FileRange& r) { return r.path == p.path("scripts/boot.sh"); }));
  auto result = p.workspace.diagnose(app);
  CHECK_MESSAGE(result.files[app].empty(), (result.files[app].empty() ? "" : result.files[app][0].message));
}

TEST_CASE("document symbols") {
  Project p;
  p.open("app.infra", R"(component C() { resource R: AWS::SNS::Topic {} }
stack app {
  param A: String
  resource B: AWS::SNS::Topic {}
})");
  auto outline = p.workspace.outline(p.path("app.infra"));
  REQUIRE(outline.size() == 2);
  CHECK(outline[0].name == "C");
  CHECK(outline[1].name == "app");
  REQUIRE(outline[1].children.size() == 2);
  CHECK(outline[1].children[0].name == "A");
  CHECK(outline[1].children[1].detail == "AWS::SNS::Topic");
}

TEST_CASE("another stack's output made by an instance and a loop, from a use argument") {
  Project p;
  Annotations network = p.open("network.infra", R"(component Net(Zones) {
  for Zone in Zones {
    output [[Subnet<<Zone>>Id]] = "x"
  }
}
stack network {
  use Net as Main { Zones: ["A", "B"] }
})");
  Annotations app = p.open("app.infra", R"(component Tier(Subnets) {
  output S = Subnets
}
stack app {
  use Tier as T { Subnets: [network.MainSubn^etAId] }
})");
  auto def = p.workspace.definition(p.path("app.infra"), app.point());
  REQUIRE(def.size() == 1);
  CHECK(def[0] == FileRange{p.path("network.infra"), network.range().begin, network.range().end});
  std::string error;
  CHECK(p.workspace.rename(p.path("app.infra"), app.point(), "X", error).empty());
  CHECK(!error.empty());
}

TEST_CASE("examples/rebuild: from the app's use of the network's outputs into the standard library") {
  std::filesystem::path example = std::filesystem::path(INFRAC_SOURCE_DIR) / "examples" / "rebuild";
  std::string app = infrac::lsp::normal_path((example / "app.infra").string());
  Workspace workspace;
  std::string text = infrac::test::read_file(app);
  workspace.open(app, text, 1);
  // In the `use` (the header comment names it too).
  auto at = static_cast<std::uint32_t>(text.find("[network.NetPublicSubnetAId") + std::string("[network.Net").size());
  auto hover = workspace.hover(app, at - 5);
  CHECK(hover);
  auto def = workspace.definition(app, at);
  REQUIRE(def.size() == 1);
  CHECK(def[0].path.find("stdlib/std/aws/network.infra") != std::string::npos);
}

TEST_CASE("a file that is not open is read as the compiler reads inputs: size limit, never /proc") {
  // A client may name any file; the server must not read a huge one (or /proc/kcore) into memory.
  Project p;
  std::string small = p.path("small.infra");
  infrac::test::write_file(small, "stack small {}\n");
  CHECK(p.workspace.text(small) == std::optional<std::string>("stack small {}\n"));
  std::string huge = p.path("huge.infra");
  infrac::test::write_file(huge, std::string(infrac::limits::kSourceBytes + 1, '#'));
  CHECK_FALSE(p.workspace.text(huge).has_value());
  CHECK_FALSE(p.workspace.text("/proc/self/status").has_value());
  CHECK_FALSE(p.workspace.text(p.path("missing.infra")).has_value());
}

TEST_CASE("formatting: the lines `infrac fmt` changes, one edit per run; a range gets the edits touching it") {
  Project p;
  std::string text =
      "stack app {\n"
      "  param Env:String = \"prod\"\n"
      "\n"
      "  resource Bucket: AWS::S3::Bucket {\n"
      "    BucketName: \"logs\"\n"
      "  }\n"
      "  output Where   =  Env\n"
      "}";  // no final newline
  p.workspace.open(p.path("app.infra"), text, 1);
  std::string formatted =
      "stack app {\n"
      "  param Env: String = \"prod\"\n"
      "\n"
      "  resource Bucket: AWS::S3::Bucket {\n"
      "    BucketName: \"logs\"\n"
      "  }\n"
      "\n"
      "  output Where = Env\n"
      "}\n";
  auto apply = [&](const std::vector<infrac::lsp::TextEdit>& edits) {
    std::string out = text;
    for (auto it = edits.rbegin(); it != edits.rend(); ++it) out.replace(it->begin, it->end - it->begin, it->text);
    return out;
  };
  auto edits = p.workspace.formatting(p.path("app.infra"));
  REQUIRE(edits.has_value());
  CHECK(apply(*edits) == formatted);
  // The missing final newline makes line edits inexact here: the whole text is replaced.
  CHECK(edits->size() == 1);

  text += "\n";
  p.workspace.change(p.path("app.infra"), text, 2);
  edits = p.workspace.formatting(p.path("app.infra"));
  REQUIRE(edits.has_value());
  REQUIRE(edits->size() == 2);  // the parameter's line, and the output's (with a blank line before it)
  CHECK(text.substr((*edits)[0].begin, (*edits)[0].end - (*edits)[0].begin) == "  param Env:String = \"prod\"\n");
  CHECK((*edits)[0].text == "  param Env: String = \"prod\"\n");
  CHECK((*edits)[1].text == "\n  output Where = Env\n");
  CHECK(apply(*edits) == formatted);

  std::uint32_t output_line = static_cast<std::uint32_t>(text.find("  output"));
  auto ranged = p.workspace.formatting(p.path("app.infra"), std::pair{output_line, output_line + 5});
  REQUIRE(ranged.has_value());
  REQUIRE(ranged->size() == 1);
  CHECK((*ranged)[0].text == (*edits)[1].text);

  p.workspace.change(p.path("app.infra"), "stack app {\n  output X = [\n", 3);
  CHECK_FALSE(p.workspace.formatting(p.path("app.infra")).has_value());  // syntax errors: left alone
  CHECK(p.workspace.formatting(p.path("already.infra")) == std::nullopt);  // cannot be read
}

TEST_CASE("completion: the names in scope at the cursor") {
  Project p;
  Annotations a = p.open("app.infra", R"(let Shared = "s"
component Queue(QueueName: String, Retention: Number = R$default^) {
  resource Q: AWS::SQS::Queue { QueueName: Q$comp^ }
}
stack app {
  param Env: String
  for Zone in ["a", "b"] {
    resource Subnet<<Zone>>: AWS::EC2::Subnet {
      VpcId: "v"
      CidrBlock: "<<Z$text^>>"
      AvailabilityZone: Z$loop^
    }
  }
  output O = E$stack^
}
stack other {
  param OtherParam: String
}
let Top = S$file^
)");
  std::string app = p.path("app.infra");
  auto comp = labels(p.workspace.complete(app, a.point("comp")));
  CHECK(has(comp, "QueueName"));
  CHECK(has(comp, "Retention"));
  CHECK(has(comp, "Shared"));
  CHECK(!has(comp, "Env"));
  CHECK(!has(comp, "Zone"));
  CHECK(!has(comp, "OtherParam"));
  CHECK(has(labels(p.workspace.complete(app, a.point("default"))), "QueueName"));
  for (const char* point : {"loop", "text"}) {
    CAPTURE(point);
    auto loop = labels(p.workspace.complete(app, a.point(point)));
    CHECK(has(loop, "Zone"));
    CHECK(has(loop, "Env"));
    CHECK(has(loop, "Shared"));
    CHECK(!has(loop, "QueueName"));
    CHECK(!has(loop, "OtherParam"));
  }
  auto stack = labels(p.workspace.complete(app, a.point("stack")));
  CHECK(has(stack, "Env"));
  CHECK(has(stack, "Shared"));
  CHECK(!has(stack, "Zone"));
  CHECK(!has(stack, "QueueName"));
  CHECK(!has(stack, "OtherParam"));
  auto top = labels(p.workspace.complete(app, a.point("file")));
  CHECK(has(top, "Shared"));
  CHECK(!has(top, "Env"));
}

TEST_CASE("completion in scope while the declaration being typed does not parse") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  param Env: String
  output O = ^
  output P = Env
}
stack other {
  param OtherParam: String
}
)");
  auto names = labels(p.workspace.complete(p.path("app.infra"), a.point()));
  CHECK(has(names, "Env"));
  CHECK(!has(names, "OtherParam"));
}

TEST_CASE("completion: the specification's allowed values of a property, a list's items, inside quotes") {
  Project p;
  Annotations a = p.open("app.infra", R"(stack app {
  resource Group: AWS::ElasticLoadBalancingV2::TargetGroup {
    Protocol: $value^
    TargetType: "i$quoted^ns"
  }
  resource Permission: AWS::ACMPCA::Permission {
    Actions: ["GetCertificate", $item^]
  }
  resource Options: AWS::EC2::DHCPOptions { NetbiosNodeType: $integer^ }
  resource Bucket: AWS::S3::Bucket { BucketName: $none^ }
})");
  std::string app = p.path("app.infra");
  auto find = [](const infrac::lsp::Completion& c, const std::string& label) -> const infrac::lsp::CompletionItem* {
    for (const auto& i : c.items) {
      if (i.label == label) return &i;
    }
    return nullptr;
  };
  auto value = p.workspace.complete(app, a.point("value"));
  const auto* http = find(value, "HTTP");
  REQUIRE(http != nullptr);
  CHECK(http->insert == "\"HTTP\"");
  CHECK(http->kind == infrac::lsp::CompletionKind::Value);
  CHECK(http->sort < find(value, "join")->label);  // before names and functions (sorted by label)
  CHECK(find(value, "GENEVE")->sort < http->sort);  // in the schema's order

  auto quoted = p.workspace.complete(app, a.point("quoted"));
  REQUIRE(find(quoted, "instance") != nullptr);
  CHECK(find(quoted, "instance")->insert == "instance");
  CHECK(quoted.replace_begin == a.point("quoted") - 1);      // from the opening quote
  CHECK(quoted.replace_end == a.point("quoted") + 2);        // to the closing one
  CHECK(find(quoted, "join") == nullptr);

  auto item = labels(p.workspace.complete(app, a.point("item")));
  CHECK(has(item, "IssueCertificate"));
  auto integer = p.workspace.complete(app, a.point("integer"));
  REQUIRE(find(integer, "2") != nullptr);
  CHECK(find(integer, "2")->insert == "2");
  auto none = p.workspace.complete(app, a.point("none"));
  CHECK(std::none_of(none.items.begin(), none.items.end(), [](const auto& i) { return i.kind == infrac::lsp::CompletionKind::Value; }));
}

TEST_CASE("a check asks whether to stop before each file and phase, and stops at any of them") {
  Project p;
  p.open("app.infra", "stack app {\n  output O = Nope\n}\n");
  p.open("other.infra", "stack other {\n  resource Topic: AWS::SNS::Topic {}\n}\n");
  int asked = 0;
  auto full = p.workspace.diagnose(p.path("app.infra"), [&] { return ++asked, false; });
  CHECK_FALSE(full.cancelled);
  CHECK_FALSE(full.files.at(p.path("app.infra")).empty());
  CHECK(asked == 4);  // before each of the two files, resolve and check; the errors end it before lower
  for (int stop_at = 1; stop_at <= asked; ++stop_at) {
    CAPTURE(stop_at);
    int n = 0;
    auto stopped = p.workspace.diagnose(p.path("app.infra"), [&] { return ++n == stop_at; });
    CHECK(stopped.cancelled);
    CHECK(stopped.files.empty());
    CHECK(n == stop_at);  // not asked again once it said stop
  }
}

// The header before a bracket is matched against the declarations' shapes: a header of a
// megabyte (a hostile or generated buffer) must not recurse once per byte (std::regex did,
// and the language server died of a stack overflow).
TEST_CASE("completion: a megabyte-long header before a bracket is read, not a crash") {
  const std::string long_loop = "stack app {\n  for X in " + std::string(1 << 20, 'a') + " {\n    ^\n  }\n}\n";
  CHECK_NOTHROW(complete_at(long_loop));
  const std::string long_space = "stack app {" + std::string(1 << 20, ' ') + "resource Q: AWS::SQS::Queue {\n    Queue^\n  }\n}\n";
  CHECK(has(complete_at(long_space), "QueueName"));
}

// The specification a workspace was given (one load per process: the fuzzer's sessions) is the
// one its checks use too, on its own thread's copy as well; before, every check located and
// loaded the specification again (2.4 MB mapped and indexed, its records parsed anew).
TEST_CASE("a specification given to the workspace is the one hover and every check use, not one loaded again") {
  infrac::test::TempDir spec_dir;
  std::string all = infrac::test::read_file("../stdlib/spec/resource-spec.json");
  std::string topic = all.substr(all.find("\n\"AWS::SNS::Topic\":") + 1);
  topic = topic.substr(0, topic.find('\n'));
  if (topic.ends_with(',')) topic.pop_back();
  infrac::test::write_file(spec_dir.path() / "spec.json", all.substr(0, all.find('\n') + 1) + topic + "\n}}\n");
  std::string error;
  std::optional<infrac::ResourceSpec> only_topic = infrac::load_resource_spec((spec_dir.path() / "spec.json").string(), error);
  REQUIRE_MESSAGE(only_topic, error);

  infrac::test::TempDir dir;
  Workspace workspace(infrac::lsp::WorkspaceOptions{true, &*only_topic});
  std::string app = infrac::lsp::normal_path((dir.path() / "app.infra").string());
  Annotations a(R"(stack app {
  resource Topic: AWS::SNS::Topic {}
  resource Logs: [[AWS::S3::Bucket]] {}
  policy { allow * "*" }
})");
  workspace.open(app, a.code(), 1);
  REQUIRE(workspace.spec());
  CHECK(workspace.spec()->find_type("AWS::SNS::Topic"));
  CHECK_FALSE(workspace.spec()->find_type("AWS::S3::Bucket"));
  Workspace copy = workspace.buffers_only();  // what the server's check thread works on
  for (const Workspace* checked : {&workspace, &copy}) {
    auto result = checked->diagnose(app);
    auto& list = result.files[app];
    REQUIRE(list.size() == 1);
    CHECK(list[0].message == "unknown resource type `AWS::S3::Bucket`");
    CHECK(list[0].begin == a.range().begin);
  }
}
