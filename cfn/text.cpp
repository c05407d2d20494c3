#include "cfn/text.hpp"

namespace infrac::cfn {
namespace {

std::string placeholder(const std::string& name) { return "<<" + name + ">>"; }

// `${Name}` -> `<<Name>>`, `${!Literal}` -> `${Literal}`.
std::string decode_sub_string(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "${!") == 0) {
      out += "${";
      i += 3;
    } else if (s.compare(i, 2, "${") == 0) {
      std::size_t close = s.find('}', i + 2);
      if (close == std::string::npos) {
        out.append(s, i, std::string::npos);
        break;
      }
      std::string name = s.substr(i + 2, close - i - 2);
      // Fn::Sub allows spaces around the name.
      while (!name.empty() && name.front() == ' ') name.erase(0, 1);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      out += placeholder(name);
      i = close + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::optional<std::string> piece_text(const Json& piece);

std::optional<std::string> join_text(const Json& args) {
  if (!args.is_array() || args.size() != 2 || !args[0].is_string() || !args[1].is_array()) return std::nullopt;
  const std::string& delimiter = args[0].get_ref<const std::string&>();
  std::string out;
  bool first = true;
  for (const auto& piece : args[1]) {
    auto text = piece_text(piece);
    if (!text) return std::nullopt;
    if (!first) out += delimiter;
    out += *text;
    first = false;
  }
  return out;
}

// One piece of a Join: text, a reference, a nested text, or any other value shown whole.
std::optional<std::string> piece_text(const Json& piece) {
  if (piece.is_string()) return piece.get<std::string>();
  if (piece.is_number() || piece.is_boolean()) return piece.dump();
  if (!piece.is_object() || piece.size() != 1) return std::nullopt;
  const std::string& key = piece.begin().key();
  const Json& arg = piece.begin().value();
  if (key == "Ref" && arg.is_string()) return placeholder(arg.get<std::string>());
  if (key == "Fn::GetAtt") {
    if (arg.is_string()) return placeholder(arg.get<std::string>());
    if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string()) {
      return placeholder(arg[0].get<std::string>() + "." + arg[1].get<std::string>());
    }
  }
  if (key == "Fn::Sub" && arg.is_string()) return decode_sub_string(arg.get<std::string>());
  if (key == "Fn::Join") {
    if (auto text = join_text(arg)) return text;
  }
  return placeholder(piece.dump());
}

}  // namespace

std::optional<DecodedText> decode_text(const Json& value) {
  if (value.is_string()) return DecodedText{value.get<std::string>(), false, "literal", Json::object()};
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const std::string& key = value.begin().key();
  const Json& arg = value.begin().value();
  if (key == "Fn::Base64") {
    auto inner = decode_text(arg);
    if (!inner || inner->base64) return std::nullopt;
    inner->base64 = true;
    return inner;
  }
  if (key == "Fn::Sub") {
    if (arg.is_string()) return DecodedText{decode_sub_string(arg.get<std::string>()), false, "Fn::Sub", Json::object()};
    if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_object()) {
      return DecodedText{decode_sub_string(arg[0].get<std::string>()), false, "Fn::Sub", arg[1]};
    }
    return std::nullopt;
  }
  if (key == "Fn::Join") {
    if (auto text = join_text(arg)) return DecodedText{*text, false, "Fn::Join", Json::object()};
  }
  return std::nullopt;
}

bool is_multiline_text(const DecodedText& text) {
  std::size_t newline = text.text.find('\n');
  return newline != std::string::npos && newline + 1 < text.text.size();
}

}  // namespace infrac::cfn
