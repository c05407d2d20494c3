// The resource specification loader, against the real stdlib/spec/resource-spec.json.
// The facts asserted here are what cfn-lint's bundled registry schemas say (see
// stdlib/spec/README.md); if a regeneration changes one, check the schema before the test.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/resource_spec.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac;

namespace {

const std::string kSpecPath = std::string(INFRAC_SOURCE_DIR) + "/stdlib/spec/resource-spec.json";

const ResourceSpec& spec() {
  static const ResourceSpec loaded = [] {
    std::string error;
    std::optional<ResourceSpec> result = load_resource_spec(kSpecPath, error);
    REQUIRE_MESSAGE(result.has_value(), error);
    return *result;
  }();
  return loaded;
}

std::optional<ResourceSpec> load_text(const std::string& text, std::string& error) {
  infrac::test::TempDir dir;
  fs::path file = dir.path() / "resource-spec.json";
  { std::ofstream(file, std::ios::binary) << text; }
  return load_resource_spec(file.string(), error);
}

}  // namespace

TEST_CASE("the spec loads, says where it came from, and every record parses") {
  CHECK(spec().format() == 1);
  CHECK_FALSE(spec().cfn_lint_version().empty());
  CHECK(spec().region() == "us-east-1");
  CHECK(spec().type_names().size() > 1000);
  CHECK(std::is_sorted(spec().type_names().begin(), spec().type_names().end()));
  std::string error;
  ResourceSpec copy = spec();  // validating parses every record; leave the shared one lazy
  CHECK_MESSAGE(copy.validate(error), error);
}

TEST_CASE("AWS::AutoScaling::AutoScalingGroup: MinSize is a property, MaxSize and MinSize are required") {
  const ResourceTypeSpec* group = spec().find_type("AWS::AutoScaling::AutoScalingGroup");
  REQUIRE(group != nullptr);
  const PropertySpec* min_size = spec().find_property("AWS::AutoScaling::AutoScalingGroup", "MinSize");
  REQUIRE(min_size != nullptr);
  CHECK(min_size->required);
  CHECK(min_size->shape.kind == ValueKind::String);  // the schema types sizes as strings
  std::span<const std::string> required = spec().required_properties("AWS::AutoScaling::AutoScalingGroup");
  CHECK(std::vector<std::string>(required.begin(), required.end()) == std::vector<std::string>{"MaxSize", "MinSize"});
  // Tags: a list of the nested type TagProperty, which requires its Key.
  const PropertySpec* tags = group->find_property("Tags");
  REQUIRE(tags != nullptr);
  CHECK(tags->shape.kind == ValueKind::List);
  CHECK(tags->shape.item == ValueKind::Object);
  CHECK(tags->shape.nested_type == "TagProperty");
  const PropertySpec* key = spec().find_nested_property("AWS::AutoScaling::AutoScalingGroup", "TagProperty", "Key");
  REQUIRE(key != nullptr);
  CHECK(key->required);
  // conditionalCreateOnlyProperties: changing the launch template may replace the group.
  CHECK(spec().update_behavior("AWS::AutoScaling::AutoScalingGroup", std::vector<std::string>{"LaunchTemplate"}) ==
        UpdateBehavior::Conditional);
  CHECK(spec().update_behavior("AWS::AutoScaling::AutoScalingGroup", std::vector<std::string>{"MaxSize"}) ==
        UpdateBehavior::Mutable);
}

TEST_CASE("AWS::EC2::LaunchTemplate: LaunchTemplateData is a nested object with UserData, updated in place") {
  const PropertySpec* data = spec().find_property("AWS::EC2::LaunchTemplate", "LaunchTemplateData");
  REQUIRE(data != nullptr);
  CHECK(data->required);
  CHECK(data->shape.kind == ValueKind::Object);
  CHECK(data->shape.nested_type == "LaunchTemplateData");
  CHECK(data->update == UpdateBehavior::Mutable);  // a change makes a new template version
  const PropertySpec* user_data =
      spec().find_nested_property("AWS::EC2::LaunchTemplate", "LaunchTemplateData", "UserData");
  REQUIRE(user_data != nullptr);
  CHECK(user_data->shape.kind == ValueKind::String);
  CHECK(user_data->update == UpdateBehavior::Mutable);
  CHECK(spec().update_behavior("AWS::EC2::LaunchTemplate", std::vector<std::string>{"LaunchTemplateData", "UserData"}) ==
        UpdateBehavior::Mutable);
  // Only the name is createOnly.
  CHECK(spec().find_property("AWS::EC2::LaunchTemplate", "LaunchTemplateName")->update == UpdateBehavior::Immutable);
  CHECK(spec().find_attribute("AWS::EC2::LaunchTemplate", "LatestVersionNumber").has_value());
  CHECK(spec().find_attribute("AWS::EC2::LaunchTemplate", "DefaultVersionNumber").has_value());
  CHECK_FALSE(spec().find_attribute("AWS::EC2::LaunchTemplate", "UserData").has_value());
  // Read-only properties are attributes, not properties one may set.
  CHECK(spec().find_property("AWS::EC2::LaunchTemplate", "LatestVersionNumber") == nullptr);
}

TEST_CASE("allowed values: a string's enum, a list's items', an integer's, none where the schema has none") {
  const PropertySpec* protocol = spec().find_property("AWS::ElasticLoadBalancingV2::TargetGroup", "Protocol");
  REQUIRE(protocol != nullptr);
  CHECK(protocol->shape.allowed == std::vector<std::string>{"GENEVE", "HTTP", "HTTPS", "QUIC", "TCP", "TCP_QUIC", "TCP_UDP", "TLS", "UDP"});
  const PropertySpec* actions = spec().find_property("AWS::ACMPCA::Permission", "Actions");
  REQUIRE(actions != nullptr);
  CHECK(actions->shape.kind == ValueKind::List);
  CHECK(actions->shape.allowed == std::vector<std::string>{"GetCertificate", "IssueCertificate", "ListPermissions"});
  const PropertySpec* netbios = spec().find_property("AWS::EC2::DHCPOptions", "NetbiosNodeType");
  REQUIRE(netbios != nullptr);
  CHECK(netbios->shape.kind == ValueKind::Integer);
  CHECK(netbios->shape.allowed == std::vector<std::string>{"1", "2", "4", "8"});
  CHECK(spec().find_property("AWS::S3::Bucket", "BucketName")->shape.allowed.empty());
}

TEST_CASE("AWS::AutoScaling::LaunchConfiguration: UserData is createOnly, so Immutable") {
  const PropertySpec* user_data = spec().find_property("AWS::AutoScaling::LaunchConfiguration", "UserData");
  REQUIRE(user_data != nullptr);
  CHECK(user_data->shape.kind == ValueKind::String);
  CHECK_FALSE(user_data->required);
  CHECK(user_data->update == UpdateBehavior::Immutable);
  std::span<const std::string> required = spec().required_properties("AWS::AutoScaling::LaunchConfiguration");
  CHECK(std::vector<std::string>(required.begin(), required.end()) ==
        std::vector<std::string>{"ImageId", "InstanceType"});
  // Below an Immutable property everything replaces the resource.
  CHECK(spec().update_behavior("AWS::AutoScaling::LaunchConfiguration",
                               std::vector<std::string>{"MetadataOptions", "HttpTokens"}) == UpdateBehavior::Immutable);
}

TEST_CASE("AWS::RDS::DBInstance has the dotted attribute Endpoint.Address") {
  std::optional<AttributeSpec> address = spec().find_attribute("AWS::RDS::DBInstance", "Endpoint.Address");
  REQUIRE(address.has_value());
  CHECK(address->shape.kind == ValueKind::String);
  CHECK(spec().find_attribute("AWS::RDS::DBInstance", "Endpoint.Port").has_value());
  CHECK_FALSE(spec().find_attribute("AWS::RDS::DBInstance", "Endpoint.Nope").has_value());
  std::span<const AttributeSpec> attributes = spec().attributes("AWS::RDS::DBInstance");
  CHECK(std::any_of(attributes.begin(), attributes.end(),
                    [](const AttributeSpec& a) { return a.name == "DBInstanceArn"; }));
  // Endpoint itself is read-only: not a property.
  CHECK(spec().find_property("AWS::RDS::DBInstance", "Endpoint") == nullptr);
}

TEST_CASE("attributes known by prefix: stack outputs, custom resources") {
  std::optional<AttributeSpec> output = spec().find_attribute("AWS::CloudFormation::Stack", "Outputs.BucketName");
  REQUIRE(output.has_value());
  CHECK(output->name == "Outputs.BucketName");
  CHECK(output->shape.kind == ValueKind::String);
  CHECK_FALSE(spec().find_attribute("AWS::CloudFormation::Stack", "Outputs.").has_value());
  CHECK(spec().find_attribute("AWS::CloudFormation::CustomResource", "Anything").has_value());
}

TEST_CASE("an unknown type is not found, and nothing about it is") {
  CHECK_FALSE(spec().has_type("AWS::EC2::LaunchTemplat"));
  CHECK(spec().find_type("AWS::EC2::LaunchTemplat") == nullptr);
  CHECK(spec().find_type("Custom::Thing") == nullptr);
  CHECK(spec().find_property("AWS::Nope::Nope", "X") == nullptr);
  CHECK(spec().required_properties("AWS::Nope::Nope").empty());
  CHECK(spec().attributes("AWS::Nope::Nope").empty());
  CHECK_FALSE(spec().update_behavior("AWS::Nope::Nope", std::vector<std::string>{"X"}).has_value());
  CHECK_FALSE(spec().update_behavior("AWS::EC2::LaunchTemplate", std::vector<std::string>{"Nope"}).has_value());
  CHECK(spec().find_property("AWS::EC2::LaunchTemplate", "Nope") == nullptr);
}

TEST_CASE("copies are independent values") {
  ResourceSpec copy = spec();
  const ResourceTypeSpec* in_copy = copy.find_type("AWS::S3::Bucket");
  const ResourceTypeSpec* in_original = spec().find_type("AWS::S3::Bucket");
  REQUIRE(in_copy != nullptr);
  REQUIRE(in_original != nullptr);
  CHECK(in_copy != in_original);
  CHECK(in_copy->properties.size() == in_original->properties.size());
}

TEST_CASE("a missing or malformed file is an error, not a crash") {
  std::string error;
  CHECK_FALSE(load_resource_spec("/nonexistent/resource-spec.json", error).has_value());
  CHECK(error.find("/nonexistent/resource-spec.json") != std::string::npos);
  CHECK_FALSE(load_text("", error).has_value());
  CHECK_FALSE(load_text("{\"format\":2,\"types\":{\n}}\n", error).has_value());
  CHECK(error.find("format 2") != std::string::npos);
  CHECK_FALSE(load_text("{\"format\":1,\"types\":{\n\"B\":{\"p\":{},\"r\":[]},\n\"A\":{\"p\":{},\"r\":[]}\n}}\n", error).has_value());
  CHECK(error.find("sorted") != std::string::npos);
  CHECK_FALSE(load_text("{\"format\":1,\"types\":{\n\"A\":{\"p\":{},\"r\":[]}\n", error).has_value());
  // A record that fails to parse is a type that is not found; validate() says why.
  std::optional<ResourceSpec> broken =
      load_text("{\"format\":1,\"types\":{\n\"A\":{\"p\":{\"X\":[\"strin\",\"\",\"\",0,\"M\"]},\"r\":[]}\n}}\n", error);
  REQUIRE_MESSAGE(broken.has_value(), error);
  CHECK(broken->has_type("A"));
  CHECK(broken->find_type("A") == nullptr);
  CHECK_FALSE(broken->validate(error));
  CHECK(error.find("strin") != std::string::npos);
  // Allowed values must be a list of strings.
  broken = load_text("{\"format\":1,\"types\":{\n\"A\":{\"p\":{\"X\":[\"string\",\"\",\"\",0,\"M\",[1]]},\"r\":[]}\n}}\n", error);
  REQUIRE_MESSAGE(broken.has_value(), error);
  CHECK(broken->find_type("A") == nullptr);
  CHECK_FALSE(broken->validate(error));
}

TEST_CASE("the spec is found through INFRAC_PATH, next to the binary, then in the source tree") {
  infrac::test::TempDir dir;
  fs::create_directories(dir.path() / "a" / "spec");
  fs::create_directories(dir.path() / "b" / "spec");
  fs::create_directories(dir.path() / "prefix" / "bin");
  fs::create_directories(dir.path() / "prefix" / "share" / "infrac" / "spec");
  std::ofstream(dir.path() / "b" / "spec" / "resource-spec.json") << "{}";
  std::ofstream(dir.path() / "prefix" / "share" / "infrac" / "spec" / "resource-spec.json") << "{}";

  SpecLocations where;
  where.infrac_path = (dir.path() / "a").string() + "::" + (dir.path() / "b").string();
  where.executable = (dir.path() / "prefix" / "bin" / "infrac").string();
  where.source_dir = INFRAC_SOURCE_DIR;
  std::vector<std::string> tried;
  CHECK(locate_resource_spec(where, &tried) == (dir.path() / "b" / "spec" / "resource-spec.json").string());
  CHECK(tried.size() == 2);

  where.infrac_path = (dir.path() / "a").string();
  CHECK(locate_resource_spec(where) ==
        (dir.path() / "prefix" / "share" / "infrac" / "spec" / "resource-spec.json").string());

  where.executable = (dir.path() / "elsewhere" / "infrac").string();
  CHECK(fs::equivalent(locate_resource_spec(where), kSpecPath));

  where.source_dir = (dir.path() / "nowhere").string();
  tried.clear();
  CHECK(locate_resource_spec(where, &tried).empty());
  CHECK(tried.size() == 3);

  // This process (a build-tree binary, no INFRAC_PATH set by CTest) finds the source tree's.
  SpecLocations here = default_spec_locations();
  here.infrac_path.clear();
  CHECK(!locate_resource_spec(here).empty());
}

namespace {

// What a record says, read the plain way: the whole record as a JSON document (std::map keys, sorted).
void check_property(const PropertySpec& property, const std::string& name, const nlohmann::json& value) {
  CHECK(property.name == name);
  CHECK(to_string(property.shape.kind) == value[0].get<std::string>());
  CHECK((value[1].get<std::string>().empty() ? property.shape.item == ValueKind::Any
                                             : to_string(property.shape.item) == value[1].get<std::string>()));
  CHECK(property.shape.nested_type == value[2].get<std::string>());
  CHECK(property.required == (value[3].get<int>() != 0));
  CHECK(to_string(property.update)[0] == value[4].get<std::string>()[0]);
  CHECK(property.shape.allowed == (value.size() == 6 ? value[5].get<std::vector<std::string>>() : std::vector<std::string>{}));
}

void check_properties(const std::vector<PropertySpec>& properties, const nlohmann::json& object) {
  REQUIRE(properties.size() == object.size());
  std::size_t i = 0;
  for (const auto& [name, value] : object.items()) check_property(properties[i++], name, value);
}

void check_attributes(const std::vector<AttributeSpec>& attributes, const nlohmann::json& record, const char* key) {
  nlohmann::json object = record.value(key, nlohmann::json::object());
  REQUIRE(attributes.size() == object.size());
  std::size_t i = 0;
  for (const auto& [name, value] : object.items()) {
    const AttributeSpec& attribute = attributes[i++];
    CHECK(attribute.name == name);
    CHECK(to_string(attribute.shape.kind) == value[0].get<std::string>());
    CHECK(to_string(attribute.shape.item) == (value.size() == 2 ? value[1].get<std::string>() : std::string("any")));
  }
}

}  // namespace

TEST_CASE("every record reads as the same value as its JSON document") {
  std::ifstream in(kSpecPath, std::ios::binary);
  std::string line;
  std::getline(in, line);  // the header
  ResourceSpec copy = spec();
  std::size_t records = 0;
  while (std::getline(in, line) && line != "}}") {
    std::size_t colon = line.find("\":");
    std::string name = line.substr(1, colon - 1);
    std::string body = line.substr(colon + 2);
    if (body.back() == ',') body.pop_back();
    nlohmann::json record = nlohmann::json::parse(body);
    const ResourceTypeSpec* type = copy.find_type(name);
    REQUIRE_MESSAGE(type != nullptr, name);
    INFO(name);
    check_properties(type->properties, record.at("p"));
    nlohmann::json nested = record.value("t", nlohmann::json::object());
    REQUIRE(type->property_types.size() == nested.size());
    std::size_t i = 0;
    for (const auto& [nested_name, value] : nested.items()) {
      CHECK(type->property_types[i].name == nested_name);
      check_properties(type->property_types[i++].properties, value);
    }
    check_attributes(type->attributes, record, "a");
    check_attributes(type->attribute_prefixes, record, "ap");
    CHECK(type->required == record.at("r").get<std::vector<std::string>>());
    ++records;
  }
  CHECK_FALSE(copy.was_scanned());  // every record found through the index built in
  CHECK(records == spec().type_names().size());
}

TEST_CASE("a file of stdlib's size that is not stdlib's file is read as it is, not as the built-in index says") {
  std::ifstream in(kSpecPath, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  // The S3 bucket's line taken out, and as many spaces put into the SQS queue's record (a
  // place JSON allows): the same size; the records in between moved, the others not.
  std::size_t bucket = text.find("\n\"AWS::S3::Bucket\":");
  REQUIRE(bucket != std::string::npos);
  std::size_t removed = text.find('\n', bucket + 1) - bucket;
  text.erase(bucket, removed);
  std::size_t queue = text.find("\n\"AWS::SQS::Queue\":{");
  REQUIRE(queue != std::string::npos);
  text.insert(text.find('{', queue) + 1, removed, ' ');
  REQUIRE(text.size() == fs::file_size(kSpecPath));

  std::string error;
  std::optional<ResourceSpec> loaded = load_text(text, error);
  REQUIRE_MESSAGE(loaded.has_value(), error);
  CHECK(loaded->find_type("AWS::ACMPCA::Certificate") != nullptr);  // before the change
  CHECK(loaded->find_type("AWS::SSM::Parameter") != nullptr);       // after it
  CHECK_FALSE(loaded->was_scanned());
  CHECK(loaded->find_type("AWS::S3::Bucket") == nullptr);  // listed in the index, not in the file
  CHECK(loaded->was_scanned());
  CHECK(loaded->validate(error));

  // A record the change moved is not where the index says: the file is scanned, and the
  // record found where it is now.
  std::optional<ResourceSpec> again = load_text(text, error);
  REQUIRE_MESSAGE(again.has_value(), error);
  CHECK(again->find_type("AWS::S3::BucketPolicy") != nullptr);
  CHECK(again->was_scanned());
  const ResourceTypeSpec* spaced = again->find_type("AWS::SQS::Queue");
  REQUIRE(spaced != nullptr);
  CHECK(spaced->find_property("MessageRetentionPeriod") != nullptr);
}

TEST_CASE("records are strict JSON: escapes and UTF-8 decoded, anything else malformed") {
  std::string error;
  std::optional<ResourceSpec> loaded = load_text(
      "{\"format\":1,\"types\":{\n"
      "\"A\":{\"p\":{\"X\":[\"string\",\"\",\"\",0,\"M\",[\"a\\\"b\\\\c\\/\\n\",\"\\u00e9\",\"\\ud83d\\ude00\",\"\xc3\xa9\"]]} , \"r\":[ ]},\n"
      "\"B\":{\"p\":{},\"r\":[\"open]},\n"
      "\"C\":{\"p\":{},\"r\":[\"\\ud800\"]},\n"
      "\"D\":{\"p\":{},\"r\":[],},\n"
      "\"E\":{\"p\":{},\"r\":[\"\xff\"]},\n"
      "\"F\":{\"p\":{},\"r\":[\"\x01\"]},\n"
      "\"G\":{\"p\":{},\"r\":[]}{}\n"
      "}}\n",
      error);
  REQUIRE_MESSAGE(loaded.has_value(), error);
  const PropertySpec* x = loaded->find_property("A", "X");
  REQUIRE(x != nullptr);
  CHECK(x->shape.allowed == std::vector<std::string>{"a\"b\\c/\n", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xc3\xa9"});
  for (const char* broken : {"B", "C", "D", "E", "F", "G"}) {
    INFO(broken);
    CHECK(loaded->find_type(broken) == nullptr);
  }
}

TEST_CASE("a record with keys out of order, an unknown section or a wrong item is read as JSON says") {
  std::string error;
  std::optional<ResourceSpec> loaded = load_text(
      "{\"format\":1,\"types\":{\n"
      "\"A\":{\"x\":{\"y\":[1,{\"z\":null}]},\"r\":[\"B\"],\"p\":{\"B\":[\"string\",\"\",\"\",1,\"I\"],\"A\":[\"list\",\"object\",\"T\",0,\"C\"]},"
      "\"t\":{\"T\":{\"K\":[\"string\",\"\",\"\",1,\"M\"]}},\"a\":{\"Arn\":[\"string\"]}},\n"
      "\"B\":{\"p\":{\"X\":[\"string\",\"\",\"\",\"1\",\"M\"]},\"r\":[]},\n"
      "\"C\":{\"p\":{},\"r\":[]},\n"
      "\"D\":{\"p\":{\"X\":[\"string\",\"\",\"\",0]},\"r\":[]},\n"
      "\"E\":{\"p\":{}}\n"
      "}}\n",
      error);
  REQUIRE_MESSAGE(loaded.has_value(), error);
  const ResourceTypeSpec* a = loaded->find_type("A");
  REQUIRE(a != nullptr);
  REQUIRE(a->properties.size() == 2);
  CHECK(a->properties[0].name == "A");
  CHECK(a->properties[0].update == UpdateBehavior::Conditional);
  CHECK(a->properties[1].name == "B");
  CHECK(a->properties[1].required);
  CHECK(loaded->find_nested_property("A", "T", "K") != nullptr);
  CHECK(loaded->find_attribute("A", "Arn").has_value());
  CHECK(loaded->find_type("B") == nullptr);  // `required` must be a number
  CHECK(loaded->find_type("C") != nullptr);
  CHECK(loaded->find_type("D") == nullptr);  // four items
  CHECK(loaded->find_type("E") == nullptr);  // no `r`
}
