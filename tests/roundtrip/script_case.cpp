#include "roundtrip/script_case.hpp"

#include <algorithm>
#include <functional>
#include <optional>

namespace infrac::test {
namespace {

constexpr const char* kRegion = "eu-west-1";

bool is_ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

// Length of an identifier at `at`, 0 if there is none.
std::size_t ident_length(std::string_view text, std::size_t at) {
  if (at >= text.size() || !is_ident_start(text[at])) return 0;
  std::size_t end = at + 1;
  while (end < text.size() && is_ident_char(text[end])) ++end;
  return end - at;
}

// A reference `Name`, `A::B::C` or `Res.Attr.Sub` at `at`; its length, 0 if none.
std::size_t reference_length(std::string_view text, std::size_t at) {
  std::size_t length = ident_length(text, at);
  if (length == 0) return 0;
  std::size_t end = at + length;
  for (;;) {
    std::size_t separator = text.compare(end, 2, "::") == 0 ? 2 : (end < text.size() && text[end] == '.' ? 1 : 0);
    if (separator == 0) break;
    std::size_t next = ident_length(text, end + separator);
    if (next == 0) break;
    end += separator + next;
  }
  return end - at;
}

struct Marker {
  bool escaped;
  std::string name;
  std::size_t length;  // of the whole `<<...>>`
};

// An interpolation `<<X>>` or escape `<<!X>>` starting at `at`.
std::optional<Marker> marker_at(std::string_view text, std::size_t at) {
  if (text.compare(at, 2, "<<") != 0) return std::nullopt;
  bool escaped = at + 2 < text.size() && text[at + 2] == '!';
  std::size_t name_at = at + 2 + (escaped ? 1 : 0);
  std::size_t length = reference_length(text, name_at);
  if (length == 0 || text.compare(name_at + length, 2, ">>") != 0) return std::nullopt;
  return Marker{escaped, std::string(text.substr(name_at, length)), name_at + length + 2 - at};
}

// Rewrites every marker with `replace`, copying all other text unchanged.
std::string rewrite(std::string_view script, const std::function<std::string(const Marker&)>& replace) {
  std::string out;
  for (std::size_t at = 0; at < script.size();) {
    if (std::optional<Marker> marker = marker_at(script, at)) {
      out += replace(*marker);
      at += marker->length;
    } else {
      out += script[at++];
    }
  }
  return out;
}

bool is_resource(const std::string& name) {
  const auto& resources = roundtrip_resources();
  return std::find(resources.begin(), resources.end(), name) != resources.end();
}

}  // namespace

const std::vector<std::string>& roundtrip_resources() {
  static const std::vector<std::string> resources{"Bucket", "Queue", "Db"};
  return resources;
}

std::vector<std::string> interpolated_names(std::string_view script) {
  std::vector<std::string> names;
  rewrite(script, [&](const Marker& marker) {
    if (!marker.escaped && std::find(names.begin(), names.end(), marker.name) == names.end()) {
      names.push_back(marker.name);
    }
    return std::string();
  });
  return names;
}

std::vector<std::string> parameter_names(const std::vector<std::string>& names) {
  std::vector<std::string> parameters;
  for (const std::string& name : names) {
    if (name.find_first_of(".:") == std::string::npos && !is_resource(name)) parameters.push_back(name);
  }
  return parameters;
}

std::string fake_value(const std::string& name) {
  if (name.rfind("AWS::", 0) == 0) {
    auto pseudo = fake_pseudo_parameters(kRegion);
    auto found = pseudo.find(name);
    return found != pseudo.end() && found->second.is_string() ? found->second.get<std::string>() : "UNKNOWN_" + name;
  }
  if (std::size_t dot = name.find('.'); dot != std::string::npos) {
    return "ATTR_" + name.substr(0, dot) + "_" + name.substr(dot + 1);
  }
  if (is_resource(name)) return "REF_" + name;
  return "PARAM_VALUE_" + name;
}

std::string expected_text(std::string_view script) {
  return rewrite(script, [](const Marker& marker) {
    return marker.escaped ? "<<" + marker.name + ">>" : fake_value(marker.name);
  });
}

std::string without_interpolation(std::string_view script) {
  return rewrite(script, [](const Marker& marker) {
    return marker.escaped ? "<<!" + marker.name + ">>" : fake_value(marker.name);
  });
}

CfnContext roundtrip_context(const std::vector<std::string>& names) {
  CfnContext context;
  context.pseudo_parameters = fake_pseudo_parameters(kRegion);
  for (const std::string& resource : roundtrip_resources()) context.resource_refs[resource] = fake_value(resource);
  context.resource_refs["Host"] = fake_value("Host");
  for (const std::string& name : names) {
    if (name.rfind("AWS::", 0) == 0 || is_resource(name)) continue;
    if (name.find('.') != std::string::npos) {
      context.attributes[name] = fake_value(name);
    } else {
      context.parameters[name] = fake_value(name);
    }
  }
  return context;
}

std::string text_block(std::string_view script, int indent) {
  std::size_t longest_run = 0;
  for (std::size_t at = 0, run = 0; at < script.size(); ++at) {
    run = script[at] == '`' ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest_run + 1), '`');
  const std::string margin(static_cast<std::size_t>(indent), ' ');
  std::string out = fence + "sh\n";
  std::size_t at = 0;
  while (at < script.size()) {
    std::size_t end = script.find('\n', at);
    std::string_view line = script.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (!line.empty()) out += margin;
    out += line;
    out += '\n';
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return out + margin + fence;
}

std::string roundtrip_infra(const std::vector<std::string>& parameters, const std::string& user_data_argument) {
  std::string out = "# Generated by tests/roundtrip_test.cpp.\nstack roundtrip {\n";
  for (const std::string& parameter : parameters) out += "  param " + parameter + ": String\n";
  out +=
      "  resource Bucket: AWS::S3::Bucket {}\n"
      "  resource Queue: AWS::SQS::Queue {}\n"
      "  resource Db: AWS::RDS::DBInstance {\n"
      "    DBInstanceClass: \"db.t3.micro\"\n"
      "    Engine: \"postgres\"\n"
      "    AllocatedStorage: \"20\"\n"
      "    MasterUsername: \"app\"\n"
      "    ManageMasterUserPassword: true\n"
      "  }\n"
      "  resource Host: AWS::EC2::Instance {\n"
      "    ImageId: \"ami-12345678\"\n"
      "    InstanceType: \"t3.micro\"\n"
      "    UserData: base64(" +
      user_data_argument +
      ")\n"
      "  }\n"
      "}\n";
  return out;
}

}  // namespace infrac::test
