// cfn/load: JSON and YAML into the one model, short forms, problems with positions, limits.
#include <doctest/doctest.h>

#include <string>

#include "cfn/load.hpp"

using infrac::Json;
using namespace infrac::cfn;

namespace {

Json load_ok(const std::string& text) {
  Loaded l = load_document(text);
  for (const auto& p : l.problems) MESSAGE(p.offset << ": " << p.message);
  REQUIRE(l.value);
  return *l.value;
}

LoadProblem load_fails(const std::string& text, const LoadLimits& limits = {}) {
  Loaded l = load_document(text, limits);
  CHECK_FALSE(l.value);
  REQUIRE_FALSE(l.problems.empty());
  return l.problems.front();
}

}  // namespace

TEST_CASE("JSON and YAML of one template load to the same value") {
  Json from_json = load_ok(R"({"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"N": 10, "F": 1.5, "On": true,
    "Name": {"Fn::Sub": "${AWS::StackName}-b"}, "Arn": {"Fn::GetAtt": ["R", "Arn"]}, "Z": null}}}})");
  Json from_yaml = load_ok(R"(# a comment
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      N: 10
      F: 1.5
      On: true
      Name: !Sub "${AWS::StackName}-b"
      Arn: !GetAtt R.Arn
      Z:
)");
  CHECK(from_json == from_yaml);
  CHECK(from_json.dump() == from_yaml.dump());  // keys in the author's order
}

TEST_CASE("YAML short forms become the long form") {
  Json v = load_ok(R"(
a: !Ref X
b: !GetAtt Res.Outputs.Name
c: !Join [",", [a, !Ref Y]]
d: !If [Cond, !Ref A, !Ref "AWS::NoValue"]
e: !Condition IsProd
f: !GetAZs ''
g: !Base64
  Fn::Sub: |
    #!/bin/bash
    echo ${Name}
h: !Select [0, !GetAZs ""]
i: !Equals [!Ref Env, prod]
j: !ImportValue network-VpcId
k: !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]
l: !FindInMap [M, !Ref "AWS::Region", Ami]
)");
  CHECK(v["a"] == Json{{"Ref", "X"}});
  CHECK(v["b"] == Json{{"Fn::GetAtt", {"Res", "Outputs.Name"}}});
  CHECK(v["c"] == Json::parse(R"({"Fn::Join": [",", ["a", {"Ref": "Y"}]]})"));
  CHECK(v["d"]["Fn::If"][2] == Json{{"Ref", "AWS::NoValue"}});
  CHECK(v["e"] == Json{{"Condition", "IsProd"}});
  CHECK(v["f"] == Json{{"Fn::GetAZs", ""}});
  CHECK(v["g"] == Json::parse(R"({"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ${Name}\n"}})"));
  CHECK(v["i"]["Fn::Equals"][1] == "prod");
  CHECK(v["j"] == Json{{"Fn::ImportValue", "network-VpcId"}});
  CHECK(v["k"]["Fn::Cidr"][1] == 4);
  CHECK(v["l"]["Fn::FindInMap"][0] == "M");
}

TEST_CASE("YAML scalars: quoted text stays text, account ids keep their zeros, dates stay text") {
  Json v = load_ok("a: '10'\nb: 012345678901\nc: 2012-10-17\nd: yes\ne: 99999999999999999999\nf: !!str 5\ng: -3\n");
  CHECK(v["a"] == "10");
  CHECK(v["b"] == "012345678901");
  CHECK(v["c"] == "2012-10-17");
  CHECK(v["d"] == "yes");
  CHECK(v["e"] == "99999999999999999999");
  CHECK(v["f"] == "5");
  CHECK(v["g"] == -3);
}

TEST_CASE("aliases are expanded, within a budget") {
  Json v = load_ok("a: &x {k: [1, 2]}\nb: *x\n");
  CHECK(v["b"] == v["a"]);
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    laughs += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) laughs += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
    laughs += "]\n";
  }
  CHECK(load_fails(laughs).message.find("more than") != std::string::npos);
}

TEST_CASE("problems carry the offset where they are") {
  std::string json = "{\n  \"a\": 1,\n  \"a\": 2\n}\n";
  LoadProblem p = load_fails(json);
  CHECK(p.message == "duplicate key `a`");
  CHECK(p.offset == json.find("\"a\": 2"));

  std::string yaml = "a: 1\nb:\n  c: !Bogus x\n";
  p = load_fails(yaml);
  CHECK(p.message.starts_with("unknown tag `!Bogus`"));
  CHECK(p.offset == yaml.find("!Bogus"));

  std::string broken = "{\"a\": [1, 2}\n";
  p = load_fails(broken);
  CHECK(p.message.find("syntax error") != std::string::npos);
  CHECK(p.offset == broken.find('}'));

  p = load_fails("a: [1, 2\n");
  CHECK_FALSE(p.message.empty());
  CHECK(load_fails("a: !GetAtt NoDot\n").message == "`!GetAtt NoDot` needs the form `Resource.Attribute`");
  CHECK(load_fails("a: 1\n---\nb: 2\n").message.find("one YAML document") != std::string::npos);
}

TEST_CASE("hostile input is refused, never a crash") {
  CHECK(load_fails(std::string(100000, '[')).message.find("deeper than 128") != std::string::npos);
  CHECK_NOTHROW(load_document("a:\n" + std::string(100000, '-')));
  CHECK(load_fails("a: !Base64 !Sub x\n").message == "cannot assign multiple tags to the same node");
  std::string nested_yaml;
  for (int i = 0; i < 3000; ++i) nested_yaml += "[";
  CHECK_FALSE(load_fails(nested_yaml.insert(0, "a: ")).message.empty());
  CHECK(load_fails("a: \xff\n").message == "the document is not valid UTF-8");
  LoadLimits small;
  small.max_bytes = 10;
  CHECK(load_fails("{\"a\": \"0123456789\"}", small).message.find("at most 10") != std::string::npos);
  CHECK(load_fails("").message == "the document is empty");
  CHECK(load_fails("? [a, b]\n: c\n").message.find("key") != std::string::npos);
}

TEST_CASE("a byte-order mark is skipped") {
  CHECK(load_ok("\xEF\xBB\xBF{\"a\": 1}")["a"] == 1);
}

namespace {

// "line:column" (1-based, bytes) of the value at `pointer`, as the loader's positions place it.
std::string place_of(const std::string& text, const std::string& pointer) {
  Loaded l = load_document(text, {}, KeepPositions::Yes);
  REQUIRE(l.value);
  std::size_t offset = l.positions.offset_of(Json::json_pointer(pointer));
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    bool newline = text[i] == '\n';
    line += newline;
    column = newline ? 1 : column + 1;
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

TEST_CASE("positions: a member is at its key, a list item where it begins, in JSON and YAML") {
  const std::string json = R"({
  "Resources": {
    "Web": {"Type": "AWS::EC2::Instance", "Properties": {
      "Tags": [ {"Key": "a/b~c", "Value": 1},
                "x\"y" ],
      "N": 12 }}}
})";
  CHECK(place_of(json, "") == "1:1");
  CHECK(place_of(json, "/Resources") == "2:3");
  CHECK(place_of(json, "/Resources/Web/Type") == "3:13");
  CHECK(place_of(json, "/Resources/Web/Properties/Tags/0") == "4:17");
  CHECK(place_of(json, "/Resources/Web/Properties/Tags/0/Key") == "4:18");
  CHECK(place_of(json, "/Resources/Web/Properties/Tags/1") == "5:17");
  CHECK(place_of(json, "/Resources/Web/Properties/N") == "6:7");
  CHECK(place_of(json, "/Resources/Web/Properties/N/Fn::Sub") == "6:7");  // not written: its parent
  const std::string yaml = R"(Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      Tags:
        - Key: "a/b~c"
          Value: !GetAtt A.B
        - x
      "a/b~c": !Sub "${AWS::Region}"
)";
  CHECK(place_of(yaml, "/Resources/Web/Type") == "3:5");
  CHECK(place_of(yaml, "/Resources/Web/Properties/Tags/0") == "6:11");
  CHECK(place_of(yaml, "/Resources/Web/Properties/Tags/0/Value") == "7:11");
  CHECK(place_of(yaml, "/Resources/Web/Properties/Tags/0/Value/Fn::GetAtt") == "7:18");  // the short form
  CHECK(place_of(yaml, "/Resources/Web/Properties/Tags/0/Value/Fn::GetAtt/1") == "7:18");
  CHECK(place_of(yaml, "/Resources/Web/Properties/Tags/1") == "8:11");
  CHECK(place_of(yaml, "/Resources/Web/Properties/a~1b~0c") == "9:7");
  CHECK(place_of(yaml, "/Resources/Web/Properties/a~1b~0c/Fn::Sub") == "9:16");
  CHECK(place_of("\xEF\xBB\xBF{\"A\": 1}", "/A") == "1:5");  // past the byte-order mark
}
