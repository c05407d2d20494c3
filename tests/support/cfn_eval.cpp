#include "support/cfn_eval.hpp"

#include <array>
#include <optional>
#include <set>

namespace infrac::test {
namespace {

// nullopt stands for AWS::NoValue.
using Value = std::optional<Json>;

bool is_intrinsic(const Json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

[[noreturn]] void fail(const std::string& message) { throw CfnEvalError(message); }

const Json& arguments(const Json& args, const char* function, std::size_t count) {
  if (!args.is_array() || args.size() != count) {
    fail(std::string(function) + " takes a list of " + std::to_string(count) + " arguments, got " + args.dump());
  }
  return args;
}

// A scalar as CloudFormation sees it in string positions.
std::string as_string(const Json& value, const char* where) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number()) return value.dump();
  fail(std::string(where) + " needs a string, got " + value.dump());
}

bool valid_sub_variable(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
              c == ':';
    if (!ok) return false;
  }
  return true;
}

class Evaluator {
 public:
  explicit Evaluator(const CfnContext& context) : context_(context) {}

  Value value(const Json& input) {
    if (is_intrinsic(input)) return intrinsic(input.begin().key(), input.begin().value());
    if (input.is_object()) {
      Json out = Json::object();
      for (const auto& [key, item] : input.items()) {
        if (Value resolved = value(item)) out[key] = std::move(*resolved);
      }
      return out;
    }
    if (input.is_array()) {
      Json out = Json::array();
      for (const Json& item : input) {
        if (Value resolved = value(item)) out.push_back(std::move(*resolved));
      }
      return out;
    }
    return input;
  }

  Json required(const Json& input, const char* where) {
    Value resolved = value(input);
    if (!resolved) fail(std::string(where) + " cannot be AWS::NoValue");
    return std::move(*resolved);
  }

  std::string string(const Json& input, const char* where) { return as_string(required(input, where), where); }

  bool condition(const Json& expression) {
    if (expression.is_object() && expression.size() == 1) {
      const std::string& key = expression.begin().key();
      const Json& args = expression.begin().value();
      if (key == "Condition") {
        if (!args.is_string()) fail("Condition needs a name, got " + args.dump());
        return named_condition(args.get<std::string>());
      }
      if (key == "Fn::Equals") {
        arguments(args, "Fn::Equals", 2);
        return equal(required(args[0], "Fn::Equals"), required(args[1], "Fn::Equals"));
      }
      if (key == "Fn::Not") return !condition(arguments(args, "Fn::Not", 1)[0]);
      if (key == "Fn::And" || key == "Fn::Or") {
        if (!args.is_array() || args.size() < 2 || args.size() > 10) {
          fail(key + " takes 2 to 10 conditions, got " + args.dump());
        }
        bool is_and = key == "Fn::And";
        bool result = is_and;
        for (const Json& item : args) {
          bool part = condition(item);  // evaluate all, so errors in any operand surface
          result = is_and ? (result && part) : (result || part);
        }
        return result;
      }
    }
    fail("not a condition expression: " + expression.dump());
  }

  bool named_condition(const std::string& name) {
    if (auto fixed = context_.condition_values.find(name); fixed != context_.condition_values.end()) {
      return fixed->second;
    }
    if (!context_.conditions.is_object() || !context_.conditions.contains(name)) fail("unknown condition " + name);
    if (!in_progress_.insert(name).second) fail("condition " + name + " refers to itself");
    bool result = condition(context_.conditions.at(name));
    in_progress_.erase(name);
    return result;
  }

  std::string sub(std::string_view text, const std::map<std::string, std::string>& variables) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t open = text.find("${", at);
      if (open == std::string_view::npos) break;
      std::size_t close = text.find('}', open + 2);
      if (close == std::string_view::npos) break;  // no closing brace: the rest is literal
      out.append(text.substr(at, open - at));
      std::string_view inner = text.substr(open + 2, close - open - 2);
      if (!inner.empty() && inner.front() == '!') {
        out += "${";
        out.append(inner.substr(1));
        out += '}';
      } else {
        out += sub_variable(std::string(inner), variables);
      }
      at = close + 1;
    }
    out.append(text.substr(at));
    return out;
  }

 private:
  Value intrinsic(const std::string& name, const Json& args) {
    if (name == "Ref") return ref(args);
    if (name == "Fn::GetAtt") return get_att(args);
    if (name == "Fn::Base64") return Json(base64_encode(string(args, "Fn::Base64")));
    if (name == "Fn::Join") return join(args);
    if (name == "Fn::Select") return select(args);
    if (name == "Fn::Split") return split(args);
    if (name == "Fn::Sub") return sub_function(args);
    if (name == "Fn::If") return if_function(args);
    if (name == "Fn::FindInMap") return find_in_map(args);
    if (name == "Fn::GetAZs") return get_azs(args);
    if (name == "Fn::ImportValue") return import_value(args);
    if (name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not") {
      fail(name + " is only valid in a condition");
    }
    if (name == "Fn::Cidr") fail("Fn::Cidr is not supported by this evaluator");
    fail("unsupported intrinsic function " + name);
  }

  Value ref(const Json& args) {
    if (!args.is_string()) fail("Ref needs a name, got " + args.dump());
    std::string name = args.get<std::string>();
    if (name == "AWS::NoValue") return std::nullopt;
    return lookup_ref(name);
  }

  Json lookup_ref(const std::string& name) {
    for (const auto* table : {&context_.pseudo_parameters, &context_.parameters, &context_.resource_refs}) {
      if (auto found = table->find(name); found != table->end()) return found->second;
    }
    fail("Ref to unknown name " + name);
  }

  Json lookup_attribute(const std::string& resource, const std::string& attribute) {
    auto found = context_.attributes.find(resource + "." + attribute);
    if (found == context_.attributes.end()) fail("Fn::GetAtt of unknown attribute " + resource + "." + attribute);
    return found->second;
  }

  Value get_att(const Json& args) {
    if (args.is_string()) {
      std::string dotted = args.get<std::string>();
      std::size_t dot = dotted.find('.');
      if (dot == std::string::npos) fail("Fn::GetAtt needs Resource.Attribute, got " + dotted);
      return lookup_attribute(dotted.substr(0, dot), dotted.substr(dot + 1));
    }
    arguments(args, "Fn::GetAtt", 2);
    if (!args[0].is_string()) fail("Fn::GetAtt needs a resource name, got " + args[0].dump());
    return lookup_attribute(args[0].get<std::string>(), string(args[1], "Fn::GetAtt attribute"));
  }

  Value join(const Json& args) {
    arguments(args, "Fn::Join", 2);
    if (!args[0].is_string()) fail("Fn::Join needs a string delimiter, got " + args[0].dump());
    Json items = required(args[1], "Fn::Join list");
    if (!items.is_array()) fail("Fn::Join needs a list, got " + items.dump());
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_string()) fail("Fn::Join needs strings, got " + items[i].dump());
      if (i > 0) out += args[0].get<std::string>();
      out += items[i].get<std::string>();
    }
    return Json(out);
  }

  Value select(const Json& args) {
    arguments(args, "Fn::Select", 2);
    Json index = required(args[0], "Fn::Select index");
    std::size_t position = 0;
    if (index.is_number_unsigned()) {
      position = index.get<std::size_t>();
    } else if (index.is_string() && !index.get<std::string>().empty() &&
               index.get<std::string>().find_first_not_of("0123456789") == std::string::npos) {
      position = std::stoul(index.get<std::string>());
    } else {
      fail("Fn::Select needs a non-negative index, got " + index.dump());
    }
    Json items = required(args[1], "Fn::Select list");
    if (!items.is_array()) fail("Fn::Select needs a list, got " + items.dump());
    if (position >= items.size()) fail("Fn::Select index " + std::to_string(position) + " is out of range");
    return items[position];
  }

  Value split(const Json& args) {
    arguments(args, "Fn::Split", 2);
    if (!args[0].is_string() || args[0].get<std::string>().empty()) {
      fail("Fn::Split needs a non-empty string delimiter, got " + args[0].dump());
    }
    std::string delimiter = args[0].get<std::string>();
    std::string source = string(args[1], "Fn::Split source");
    Json out = Json::array();
    std::size_t at = 0;
    for (std::size_t found; (found = source.find(delimiter, at)) != std::string::npos; at = found + delimiter.size()) {
      out.push_back(source.substr(at, found - at));
    }
    out.push_back(source.substr(at));
    return out;
  }

  Value sub_function(const Json& args) {
    if (args.is_string()) return Json(sub(args.get<std::string>(), {}));
    arguments(args, "Fn::Sub", 2);
    if (!args[0].is_string()) fail("Fn::Sub needs a string, got " + args[0].dump());
    if (!args[1].is_object()) fail("Fn::Sub needs a variable map, got " + args[1].dump());
    std::map<std::string, std::string> variables;
    for (const auto& [key, item] : args[1].items()) variables[key] = string(item, "Fn::Sub variable");
    return Json(sub(args[0].get<std::string>(), variables));
  }

  std::string sub_variable(const std::string& name, const std::map<std::string, std::string>& variables) {
    if (!valid_sub_variable(name)) fail("Fn::Sub variable ${" + name + "} is not a valid name");
    if (auto found = variables.find(name); found != variables.end()) return found->second;
    std::size_t dot = name.find('.');
    if (dot != std::string::npos) {
      return as_string(lookup_attribute(name.substr(0, dot), name.substr(dot + 1)), "Fn::Sub attribute");
    }
    if (name == "AWS::NoValue") fail("Fn::Sub cannot use AWS::NoValue");
    return as_string(lookup_ref(name), "Fn::Sub reference");
  }

  Value if_function(const Json& args) {
    arguments(args, "Fn::If", 3);
    if (!args[0].is_string()) fail("Fn::If needs a condition name, got " + args[0].dump());
    return value(named_condition(args[0].get<std::string>()) ? args[1] : args[2]);
  }

  Value find_in_map(const Json& args) {
    arguments(args, "Fn::FindInMap", 3);
    std::string map = string(args[0], "Fn::FindInMap map");
    std::string top = string(args[1], "Fn::FindInMap key");
    std::string second = string(args[2], "Fn::FindInMap key");
    const Json& maps = context_.mappings;
    if (!maps.is_object() || !maps.contains(map)) fail("Fn::FindInMap of unknown mapping " + map);
    if (!maps.at(map).contains(top)) fail("Fn::FindInMap: mapping " + map + " has no key " + top);
    if (!maps.at(map).at(top).contains(second)) {
      fail("Fn::FindInMap: mapping " + map + "." + top + " has no key " + second);
    }
    return maps.at(map).at(top).at(second);
  }

  Value get_azs(const Json& args) {
    std::string region = string(args, "Fn::GetAZs");
    if (region.empty()) region = as_string(lookup_ref("AWS::Region"), "AWS::Region");
    return Json::array({region + "a", region + "b", region + "c"});
  }

  Value import_value(const Json& args) {
    std::string name = string(args, "Fn::ImportValue");
    auto found = context_.exports.find(name);
    if (found == context_.exports.end()) fail("Fn::ImportValue of unknown export " + name);
    return found->second;
  }

  static bool equal(const Json& a, const Json& b) {
    auto text = [](const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    if (a.is_primitive() && b.is_primitive()) return text(a) == text(b);
    return a == b;
  }

  const CfnContext& context_;
  std::set<std::string> in_progress_;
};

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::map<std::string, Json> fake_pseudo_parameters(const std::string& region) {
  return {
      {"AWS::AccountId", "123456789012"},
      {"AWS::NotificationARNs", Json::array()},
      {"AWS::Partition", "aws"},
      {"AWS::Region", region},
      {"AWS::StackId", "arn:aws:cloudformation:" + region + ":123456789012:stack/STACK_NAME/fake-id"},
      {"AWS::StackName", "STACK_NAME"},
      {"AWS::URLSuffix", "amazonaws.com"},
  };
}

CfnContext context_for_template(const Json& template_body) {
  CfnContext context;
  if (template_body.contains("Mappings")) context.mappings = template_body.at("Mappings");
  if (template_body.contains("Conditions")) context.conditions = template_body.at("Conditions");
  return context;
}

Json evaluate(const Json& value, const CfnContext& context) {
  Evaluator evaluator(context);
  return evaluator.required(value, "the evaluated value");
}

bool evaluate_condition(const Json& expression, const CfnContext& context) {
  Evaluator evaluator(context);
  return evaluator.condition(expression);
}

bool condition_value(const std::string& name, const CfnContext& context) {
  Evaluator evaluator(context);
  return evaluator.named_condition(name);
}

std::string substitute(std::string_view text, const std::map<std::string, std::string>& variables,
                       const CfnContext& context) {
  Evaluator evaluator(context);
  return evaluator.sub(text, variables);
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    auto n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16 |
             static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
             static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) fail("base64 text length " + std::to_string(text.size()) + " is not a multiple of 4");
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::array<unsigned, 4> sextets{};
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = text[i + k];
      bool last_group = i + 4 == text.size();
      if (c == '=' && last_group && k >= 2 && (k == 3 || text[i + 3] == '=')) {
        ++padding;
        continue;
      }
      std::size_t found = kAlphabet.find(c);
      if (found == std::string_view::npos || padding > 0) {
        fail("invalid base64 character at offset " + std::to_string(i + k));
      }
      sextets[k] = static_cast<unsigned>(found);
    }
    unsigned n = sextets[0] << 18 | sextets[1] << 12 | sextets[2] << 6 | sextets[3];
    out += static_cast<char>((n >> 16) & 0xff);
    if (padding < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (padding < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

}  // namespace infrac::test
