#include "import/text.hpp"

namespace infrac::importer {
namespace {

void add_literal(std::vector<Piece>& pieces, const std::string& text) {
  if (text.empty()) return;
  if (!pieces.empty() && pieces.back().kind == Piece::Kind::Literal) {
    pieces.back().text += text;
    return;
  }
  pieces.push_back({Piece::Kind::Literal, text, nullptr});
}

void add_pieces(std::vector<Piece>& pieces, std::vector<Piece> more) {
  for (auto& piece : more) {
    if (piece.kind == Piece::Kind::Literal) {
      add_literal(pieces, piece.text);
    } else {
      pieces.push_back(std::move(piece));
    }
  }
}

// A value inside a text: text itself, a nested text function, or a value spliced in.
void add_value(std::vector<Piece>& pieces, const Json& value) {
  if (value.is_string()) return add_literal(pieces, value.get<std::string>());
  if (value.is_number() || value.is_boolean()) return add_literal(pieces, value.dump());
  if (auto nested = text_pieces(value)) return add_pieces(pieces, std::move(*nested));
  pieces.push_back({Piece::Kind::Value, {}, value});
}

// `${Name}` of a Fn::Sub: a variable, `Res.Attr` (GetAtt) or a name (Ref).
Json sub_reference(const std::string& name) {
  std::size_t dot = name.find('.');
  if (dot == std::string::npos) return Json{{"Ref", name}};
  return Json{{"Fn::GetAtt", Json::array({name.substr(0, dot), name.substr(dot + 1)})}};
}

std::optional<std::vector<Piece>> sub_pieces(const std::string& s, const Json& variables) {
  std::vector<Piece> pieces;
  std::string literal;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "${!") == 0) {
      literal += "${";
      i += 3;
      continue;
    }
    if (s.compare(i, 2, "${") != 0) {
      literal += s[i++];
      continue;
    }
    std::size_t close = s.find('}', i + 2);
    if (close == std::string::npos) return std::nullopt;  // CloudFormation refuses an unclosed `${`
    std::string name = s.substr(i + 2, close - i - 2);
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    add_literal(pieces, literal);
    literal.clear();
    auto variable = variables.is_object() ? variables.find(name) : variables.end();
    if (variables.is_object() && variable != variables.end()) {
      add_value(pieces, *variable);
    } else {
      pieces.push_back({Piece::Kind::Value, {}, sub_reference(name)});
    }
    i = close + 1;
  }
  add_literal(pieces, literal);
  return pieces;
}

}  // namespace

std::optional<std::vector<Piece>> text_pieces(const Json& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const std::string& key = value.begin().key();
  const Json& arg = value.begin().value();
  if (key == "Fn::Sub") {
    if (arg.is_string()) return sub_pieces(arg.get<std::string>(), Json::object());
    if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_object()) return sub_pieces(arg[0].get<std::string>(), arg[1]);
    return std::nullopt;
  }
  if (key == "Fn::Join") {
    if (!arg.is_array() || arg.size() != 2 || !arg[0].is_string() || !arg[1].is_array()) return std::nullopt;
    const std::string delimiter = arg[0].get<std::string>();
    std::vector<Piece> pieces;
    for (std::size_t i = 0; i < arg[1].size(); ++i) {
      if (i > 0) add_literal(pieces, delimiter);
      add_value(pieces, arg[1][i]);
    }
    return pieces;
  }
  return std::nullopt;
}

std::optional<Interpolation> as_interpolation(const Json& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const std::string& key = value.begin().key();
  const Json& arg = value.begin().value();
  if (key == "Ref" && arg.is_string()) return Interpolation{arg.get<std::string>(), ""};
  if (key != "Fn::GetAtt") return std::nullopt;
  if (arg.is_string()) {
    std::string s = arg.get<std::string>();
    std::size_t dot = s.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == s.size()) return std::nullopt;
    return Interpolation{s.substr(0, dot), s.substr(dot + 1)};
  }
  if (arg.is_array() && arg.size() == 2 && arg[0].is_string() && arg[1].is_string()) {
    return Interpolation{arg[0].get<std::string>(), arg[1].get<std::string>()};
  }
  return std::nullopt;
}

}  // namespace infrac::importer
