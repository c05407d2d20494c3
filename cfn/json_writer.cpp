#include "cfn/json_writer.hpp"

#include <array>
#include <charconv>
#include <string_view>

#include "io/utf8.hpp"

namespace infrac::cfn {
namespace {

// Which bytes cannot be copied as they are into a JSON string: control characters, `"`
// and `\`. The bytes of multi-byte UTF-8 sequences are copied: the text was checked whole.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> special{};
  for (int c = 0; c < 0x20; ++c) special[c] = true;
  special['"'] = special['\\'] = true;
  return special;
}();

void write_escaped_byte(unsigned char c, std::string& out) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";
      char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(escape, sizeof escape);
    }
  }
}

void write_string(std::string_view text, std::string& out) {
  // Invalid UTF-8 never comes from checked sources; nlohmann decides what replaces it.
  bool ascii = true;
  for (char c : text) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii && invalid_utf8_offset(text) != std::string_view::npos) {
    out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (!kSpecial[c]) continue;
    out.append(text.data() + run, i - run);
    write_escaped_byte(c, out);
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void write_number(const Json& value, std::string& out) {
  char digits[24];
  std::to_chars_result end{};
  if (value.is_number_unsigned()) {
    end = std::to_chars(digits, digits + sizeof digits, value.get_ref<const Json::number_unsigned_t&>());
  } else if (value.is_number_integer()) {
    end = std::to_chars(digits, digits + sizeof digits, value.get_ref<const Json::number_integer_t&>());
  } else {
    out += value.dump();  // nlohmann's shortest round-trip form of a double ("1.0", "1e+100", null for NaN)
    return;
  }
  out.append(digits, end.ptr);
}

void indent(std::size_t depth, std::string& out) { out.append(2 * depth, ' '); }

void write(const Json& value, std::size_t depth, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      const auto& object = value.get_ref<const Json::object_t&>();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& [key, member] : object) {
        if (!first) out += ",\n";
        first = false;
        indent(depth + 1, out);
        write_string(key, out);
        out += ": ";
        write(member, depth + 1, out);
      }
      out += '\n';
      indent(depth, out);
      out += '}';
      return;
    }
    case Json::value_t::array: {
      const auto& array = value.get_ref<const Json::array_t&>();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      bool first = true;
      for (const auto& item : array) {
        if (!first) out += ",\n";
        first = false;
        indent(depth + 1, out);
        write(item, depth + 1, out);
      }
      out += '\n';
      indent(depth, out);
      out += ']';
      return;
    }
    case Json::value_t::string: write_string(value.get_ref<const std::string&>(), out); return;
    case Json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: write_number(value, out); return;
    case Json::value_t::null: out += "null"; return;
    case Json::value_t::discarded: out += "<discarded>"; return;
    case Json::value_t::binary: {
      // Never in a template; printed as nlohmann prints it at this depth.
      std::string text = value.dump(2, ' ', false, Json::error_handler_t::replace);
      for (char c : text) {
        out += c;
        if (c == '\n') indent(depth, out);
      }
      return;
    }
  }
}

}  // namespace

void write_json(const Json& value, std::string& out) { write(value, 0, out); }

std::string json_text(const Json& value) {
  std::string out;
  write_json(value, out);
  return out;
}

}  // namespace infrac::cfn
