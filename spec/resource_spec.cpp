#include "spec/resource_spec.hpp"

#include "io/utf8.hpp"
#include "spec/builtin_index.hpp"

#include <algorithm>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace infrac {
namespace {

using nlohmann::json;

constexpr int kFormat = 1;

// The spec's own exception, so that a malformed record is told apart from a bug.
struct BadRecord : std::runtime_error {
  using std::runtime_error::runtime_error;
};

ValueKind parse_kind(const std::string& text) {
  static constexpr std::pair<std::string_view, ValueKind> kKinds[] = {
      {"string", ValueKind::String}, {"integer", ValueKind::Integer}, {"number", ValueKind::Number},
      {"boolean", ValueKind::Boolean}, {"list", ValueKind::List},      {"map", ValueKind::Map},
      {"object", ValueKind::Object}, {"json", ValueKind::Json},       {"any", ValueKind::Any}};
  for (const auto& [name, kind] : kKinds) {
    if (name == text) return kind;
  }
  throw BadRecord("unknown value kind `" + text + "`");
}

UpdateBehavior parse_update(const std::string& text) {
  if (text == "M") return UpdateBehavior::Mutable;
  if (text == "I") return UpdateBehavior::Immutable;
  if (text == "C") return UpdateBehavior::Conditional;
  throw BadRecord("unknown update behaviour `" + text + "`");
}

// One item of the arrays that describe a property or an attribute: a string or a whole number.
struct Scalar {
  bool is_string = false;
  std::string text;
  std::int64_t number = 0;
};

const std::string& text_of(const Scalar& scalar, const std::string& what) {
  if (!scalar.is_string) throw BadRecord(what + " holds a number where a string belongs");
  return scalar.text;
}

// [kind, item, nested type, required 0/1, update M/I/C] and, when the schema has an enum,
// [allowed values] (read apart: `allowed`)
PropertySpec parse_property(std::string name, const std::vector<Scalar>& value, std::vector<std::string>* allowed) {
  if (value.size() != 5) throw BadRecord("property `" + name + "` is not a 5- or 6-element array");
  std::string what = "property `" + name + "`";
  PropertySpec property;
  property.shape.kind = parse_kind(text_of(value[0], what));
  if (!text_of(value[1], what).empty()) property.shape.item = parse_kind(value[1].text);
  property.shape.nested_type = text_of(value[2], what);
  if (value[3].is_string) throw BadRecord(what + ": `required` is not a number");
  property.required = value[3].number != 0;
  property.update = parse_update(text_of(value[4], what));
  if (allowed != nullptr) property.shape.allowed = std::move(*allowed);
  property.name = std::move(name);
  return property;
}

// [kind] or [kind, item]
AttributeSpec parse_attribute(std::string name, const std::vector<Scalar>& value) {
  if (value.empty() || value.size() > 2) throw BadRecord("attribute `" + name + "` is malformed");
  std::string what = "attribute `" + name + "`";
  AttributeSpec attribute;
  attribute.shape.kind = parse_kind(text_of(value[0], what));
  if (value.size() == 2) attribute.shape.item = parse_kind(text_of(value[1], what));
  attribute.name = std::move(name);
  return attribute;
}

template <typename T>
void sort_by_name(std::vector<T>& elements) {
  std::stable_sort(elements.begin(), elements.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

// A record read straight into a ResourceTypeSpec as nlohmann's SAX parser walks it, with
// no JSON document in between (building one cost most of a small build's time in the spec):
//   {"p":{Name:[5 items, [allowed]?]}, "t":{Type:{Name:[...]}}, "a":{Name:[1-2]}, "ap":{...}, "r":[names]}
// Keys come out sorted as before, when records were read into nlohmann::json's std::map.
class RecordReader : public nlohmann::json_sax<json> {
 public:
  explicit RecordReader(ResourceTypeSpec& type) : type_(type) {}

  bool saw_properties() const { return saw_p_; }
  bool saw_required() const { return saw_r_; }

  bool start_object(std::size_t) override {
    ++depth_;
    if (depth_ == 1 || section_ == Section::Other) return true;
    if (in_array_ || depth_ > (section_ == Section::Types ? 3 : 2) || section_ == Section::Required) {
      throw BadRecord("unexpected object in the record");
    }
    if (depth_ == 3) type_.property_types.push_back({key_, {}});
    return true;
  }
  bool end_object() override {
    if (depth_ == 2 && section_ == Section::Types) {
      for (auto& nested : type_.property_types) sort_by_name(nested.properties);
      sort_by_name(type_.property_types);
    }
    if (depth_ == 2 && section_ == Section::Properties) sort_by_name(type_.properties);
    if (depth_ == 2 && section_ == Section::Attributes) sort_by_name(type_.attributes);
    if (depth_ == 2 && section_ == Section::Prefixes) sort_by_name(type_.attribute_prefixes);
    if (depth_ == 2) section_ = Section::None;
    --depth_;
    return true;
  }
  bool key(std::string& key) override {
    if (depth_ == 1) {
      section_ = key == "p"    ? Section::Properties
                 : key == "t"  ? Section::Types
                 : key == "a"  ? Section::Attributes
                 : key == "ap" ? Section::Prefixes
                 : key == "r"  ? Section::Required
                               : Section::Other;
      saw_p_ |= section_ == Section::Properties;
      saw_r_ |= section_ == Section::Required;
      // A section given twice replaces the first, as in a JSON object.
      if (section_ == Section::Properties) type_.properties.clear();
      if (section_ == Section::Types) type_.property_types.clear();
      if (section_ == Section::Attributes) type_.attributes.clear();
      if (section_ == Section::Prefixes) type_.attribute_prefixes.clear();
      if (section_ == Section::Required) type_.required.clear();
    }
    key_ = std::move(key);
    return true;
  }
  bool start_array(std::size_t) override {
    if (section_ == Section::Other) {
      ++skipped_arrays_;
      return true;
    }
    if (in_array_ && !in_allowed_ && items_.size() == 5 && (section_ == Section::Properties || section_ == Section::Types)) {
      in_allowed_ = has_allowed_ = true;  // the sixth element of a property: its allowed values
      return true;
    }
    if (in_array_ || section_ == Section::None) throw BadRecord("unexpected array in the record");
    if (section_ == Section::Required) {
      if (depth_ != 1) throw BadRecord("`r` is not a list of names");
      in_array_ = true;
      return true;
    }
    if (depth_ != (section_ == Section::Types ? 3 : 2)) throw BadRecord("unexpected array in the record");
    in_array_ = true;
    items_.clear();
    allowed_.clear();
    has_allowed_ = false;
    return true;
  }
  bool end_array() override {
    if (skipped_arrays_ > 0) {
      --skipped_arrays_;
      return true;
    }
    if (in_allowed_) {
      in_allowed_ = false;
      return true;
    }
    in_array_ = false;
    std::vector<std::string>* allowed = has_allowed_ ? &allowed_ : nullptr;
    switch (section_) {
      case Section::Properties: type_.properties.push_back(parse_property(key_, items_, allowed)); break;
      case Section::Types: type_.property_types.back().properties.push_back(parse_property(key_, items_, allowed)); break;
      case Section::Attributes: type_.attributes.push_back(parse_attribute(key_, items_)); break;
      case Section::Prefixes: type_.attribute_prefixes.push_back(parse_attribute(key_, items_)); break;
      default: break;
    }
    return true;
  }
  bool string(std::string& value) override {
    if (in_allowed_) {
      allowed_.push_back(std::move(value));
      return true;
    }
    if (section_ == Section::Required && in_array_) {
      type_.required.push_back(std::move(value));
      return true;
    }
    return scalar(Scalar{true, std::move(value), 0});
  }
  bool number_integer(number_integer_t value) override { return scalar(Scalar{false, {}, value}); }
  bool number_unsigned(number_unsigned_t value) override {
    return scalar(Scalar{false, {}, static_cast<std::int64_t>(std::min<number_unsigned_t>(value, INT64_MAX))});
  }
  bool number_float(number_float_t, const string_t&) override { return unexpected("a fraction"); }
  bool boolean(bool) override { return unexpected("a boolean"); }
  bool null() override { return unexpected("null"); }
  bool binary(binary_t&) override { return unexpected("binary data"); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override { throw BadRecord(e.what()); }

 private:
  enum class Section { None, Properties, Types, Attributes, Prefixes, Required, Other };
  ResourceTypeSpec& type_;
  Section section_ = Section::None;
  int depth_ = 0;
  bool in_array_ = false;
  int skipped_arrays_ = 0;
  bool saw_p_ = false;
  bool saw_r_ = false;
  std::string key_;
  std::vector<Scalar> items_;
  bool in_allowed_ = false;   // inside a property's sixth element
  bool has_allowed_ = false;
  std::vector<std::string> allowed_;

  bool scalar(Scalar value) {
    if (section_ == Section::Other) return true;
    if (in_allowed_) throw BadRecord("an allowed value that is not a string");
    if (!in_array_ || section_ == Section::Required) throw BadRecord("unexpected value in the record");
    items_.push_back(std::move(value));
    return true;
  }
  bool unexpected(const char* what) {
    if (section_ == Section::Other) return true;
    if (in_allowed_) throw BadRecord("an allowed value that is not a string");
    throw BadRecord(std::string("unexpected ") + what + " in the record");
  }
};

// Walks one JSON document and calls `reader` as nlohmann's SAX parser would (strict JSON:
// one value, UTF-8, no control characters in strings). A record is small and simple, but
// nlohmann's lexer spent ~130 instructions a byte on it, a string one push_back at a
// time: parsing the records of ten types was 13 % of a 500-resource build (bench/README.md).
// Malformed input throws BadRecord.
class RecordParser {
 public:
  RecordParser(std::string_view text, RecordReader& reader) : text_(text), reader_(reader) {}

  void parse() {
    value(0);
    skip_space();
    if (pos_ != text_.size()) fail("text after the record");
  }

 private:
  std::string_view text_;
  RecordReader& reader_;
  std::size_t pos_ = 0;
  std::string string_;

  [[noreturn]] void fail(const std::string& why) const {
    throw BadRecord("malformed JSON at byte " + std::to_string(pos_) + ": " + why);
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) ++pos_;
  }
  char peek() {
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end");
    return text_[pos_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected `") + c + "`");
    ++pos_;
  }
  void literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("unexpected character");
    pos_ += word.size();
  }

  // The items of an object or a list after its opening bracket, up to `close`, each read by `item`.
  template <typename Item>
  void items(char close, Item&& item) {
    if (peek() == close) {
      ++pos_;
      return;
    }
    for (;;) {
      item();
      if (peek() != ',') break;
      ++pos_;
    }
    expect(close);
  }

  void value(int depth) {
    if (depth > 64) fail("nested too deeply");
    char c = peek();
    if (c == '{') {
      ++pos_;
      reader_.start_object(std::size_t(-1));
      items('}', [&] {
        if (peek() != '"') fail("expected a key");
        string();
        reader_.key(string_);
        expect(':');
        value(depth + 1);
      });
      reader_.end_object();
    } else if (c == '[') {
      ++pos_;
      reader_.start_array(std::size_t(-1));
      items(']', [&] { value(depth + 1); });
      reader_.end_array();
    } else if (c == '"') {
      string();
      reader_.string(string_);
    } else if (c == 't') {
      literal("true");
      reader_.boolean(true);
    } else if (c == 'f') {
      literal("false");
      reader_.boolean(false);
    } else if (c == 'n') {
      literal("null");
      reader_.null();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else {
      fail("unexpected character");
    }
  }

  void number() {
    std::size_t begin = pos_;
    bool negative = text_[pos_] == '-';
    if (negative) ++pos_;
    auto digits = [&] {
      std::size_t start = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      if (pos_ == start) fail("expected a digit");
    };
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else {
      digits();
    }
    bool integer = true;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      digits();
      integer = false;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      digits();
      integer = false;
    }
    std::string_view spelled = text_.substr(begin, pos_ - begin);
    if (integer && negative) {
      std::int64_t n = 0;
      auto [end, error] = std::from_chars(spelled.data(), spelled.data() + spelled.size(), n);
      if (error == std::errc() && end == spelled.data() + spelled.size()) {
        reader_.number_integer(n);
        return;
      }
    } else if (integer) {
      std::uint64_t n = 0;
      auto [end, error] = std::from_chars(spelled.data(), spelled.data() + spelled.size(), n);
      if (error == std::errc() && end == spelled.data() + spelled.size()) {
        reader_.number_unsigned(n);
        return;
      }
    }
    std::string copy(spelled);  // a fraction, or an integer beyond 64 bits, as nlohmann reads it
    reader_.number_float(std::strtod(copy.c_str(), nullptr), copy);
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("a short \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      char h = text_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') {
        value |= static_cast<unsigned>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        value |= static_cast<unsigned>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        value |= static_cast<unsigned>(h - 'A' + 10);
      } else {
        fail("a bad \\u escape");
      }
    }
    return value;
  }

  // The string at `pos_` (its opening quote) into string_, unescaped.
  void string() {
    ++pos_;
    string_.clear();
    for (;;) {
      std::size_t run = pos_;
      while (pos_ < text_.size()) {
        auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++pos_;
      }
      string_.append(text_.substr(run, pos_ - run));
      if (pos_ >= text_.size()) fail("an unterminated string");
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c < 0x20) fail("a control character in a string");
      if (c >= 0x80) {
        std::size_t length = utf8_sequence_length(text_, pos_);
        if (length == 0) fail("invalid UTF-8");
        string_.append(text_.substr(pos_, length));
        pos_ += length;
        continue;
      }
      ++pos_;  // the backslash
      if (pos_ >= text_.size()) fail("an unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"': string_ += '"'; break;
        case '\\': string_ += '\\'; break;
        case '/': string_ += '/'; break;
        case 'b': string_ += '\b'; break;
        case 'f': string_ += '\f'; break;
        case 'n': string_ += '\n'; break;
        case 'r': string_ += '\r'; break;
        case 't': string_ += '\t'; break;
        case 'u': {
          unsigned code = hex4();
          if (code >= 0xDC00 && code <= 0xDFFF) fail("a lone low surrogate");
          if (code >= 0xD800 && code <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail("a high surrogate without its low one");
            pos_ += 2;
            unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate without its low one");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(string_, code);
          break;
        }
        default: fail("an unknown escape");
      }
    }
  }
};

ResourceTypeSpec parse_type(std::string name, std::string_view text) {
  ResourceTypeSpec type;
  if (text.empty() || text.front() != '{') throw BadRecord("the record is not an object");
  RecordReader reader(type);
  RecordParser(text, reader).parse();
  if (!reader.saw_properties()) throw BadRecord("the record has no `p`");
  if (!reader.saw_required()) throw BadRecord("the record has no `r`");
  type.name = std::move(name);
  return type;
}

template <typename T>
const T* find_by_name(const std::vector<T>& sorted, std::string_view name) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                             [](const T& element, std::string_view wanted) { return element.name < wanted; });
  return it != sorted.end() && it->name == name ? &*it : nullptr;
}

// The file mapped read-only rather than read: no copy into a zeroed 2 MB string, and only
// the pages the index scan and the parsed records touch are faulted in (1,000 of a
// one-resource build's 1,500 page faults were that string; bench/README.md). The spec is
// installed data, replaced (not rewritten in place) when infrac is.
std::shared_ptr<const std::string_view> map_whole_file(const std::string& path, std::string& error) {
  auto fail = [&](const std::string& why) {
    error = "cannot read the resource specification " + path + ": " + why;
    return nullptr;
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    bool directory = S_ISDIR(status.st_mode);
    ::close(fd);
    return fail(directory ? "it is a directory" : "it is not a regular file");
  }
  auto size = static_cast<std::size_t>(status.st_size);
  if (size == 0) {
    ::close(fd);
    return std::make_shared<const std::string_view>();
  }
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  int map_error = errno;
  ::close(fd);
  if (mapped == MAP_FAILED) return fail(std::strerror(map_error));
  return std::shared_ptr<const std::string_view>(new std::string_view(static_cast<const char*>(mapped), size),
                                                 [](const std::string_view* text) {
                                                   ::munmap(const_cast<char*>(text->data()), text->size());
                                                   delete text;
                                                 });
}

std::string malformed(const std::string& path, std::size_t line, const std::string& why) {
  return "malformed resource specification " + path + " (line " + std::to_string(line) + "): " + why;
}

}  // namespace

std::string_view to_string(ValueKind kind) {
  switch (kind) {
    case ValueKind::String: return "string";
    case ValueKind::Integer: return "integer";
    case ValueKind::Number: return "number";
    case ValueKind::Boolean: return "boolean";
    case ValueKind::List: return "list";
    case ValueKind::Map: return "map";
    case ValueKind::Object: return "object";
    case ValueKind::Json: return "json";
    case ValueKind::Any: return "any";
  }
  return "any";
}

std::string_view to_string(UpdateBehavior update) {
  switch (update) {
    case UpdateBehavior::Mutable: return "Mutable";
    case UpdateBehavior::Immutable: return "Immutable";
    case UpdateBehavior::Conditional: return "Conditional";
  }
  return "Mutable";
}

const PropertySpec* PropertyTypeSpec::find_property(std::string_view property) const {
  return find_by_name(properties, property);
}

const PropertySpec* ResourceTypeSpec::find_property(std::string_view property) const {
  return find_by_name(properties, property);
}

const PropertyTypeSpec* ResourceTypeSpec::find_property_type(std::string_view property_type) const {
  return find_by_name(property_types, property_type);
}

std::optional<AttributeSpec> ResourceTypeSpec::find_attribute(std::string_view attribute) const {
  if (const AttributeSpec* exact = find_by_name(attributes, attribute)) return *exact;
  for (const AttributeSpec& prefix : attribute_prefixes) {
    if (attribute.size() > prefix.name.size() && attribute.starts_with(prefix.name)) {
      return AttributeSpec{std::string(attribute), prefix.shape};
    }
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- loading

// The file is JSON with one resource type per line (see stdlib/spec/README.md):
//   {"format":1,"cfn-lint":"1.51.0","region":"us-east-1","types":{
//   "AWS::X::Y":{...record...},
//   ...
//   "Module":{...record...}
//   }}
// so finding a record needs only its line (spec/spec_layout.hpp); records are parsed on
// demand. stdlib's file is not even scanned: its lines' places are built in.
std::optional<ResourceSpec> load_resource_spec(const std::string& path, std::string& error) {
  error.clear();
  std::shared_ptr<const std::string_view> text = map_whole_file(path, error);
  if (!text) return std::nullopt;
  auto fail = [&](std::size_t line, const std::string& why) {
    error = malformed(path, line, why);
    return std::nullopt;
  };
  if (text->size() >= UINT32_MAX) return fail(1, "the file is too large");

  ResourceSpec spec;
  spec.path_ = path;
  spec.text_ = text;
  std::string_view all = *text;
  std::size_t line_end = all.find('\n');
  if (line_end == std::string_view::npos) return fail(1, "no line ends");
  {
    // The header line is `{...,"types":{`; closing it makes it a JSON document of its own.
    std::string_view header = all.substr(0, line_end);
    constexpr std::string_view kTypesKey = "\"types\":{";
    if (!header.ends_with(kTypesKey)) return fail(1, "the first line does not end with `\"types\":{`");
    json fields = json::parse(std::string(header) + "}}", nullptr, false);
    if (fields.is_discarded() || !fields.is_object()) return fail(1, "the header is not JSON");
    auto format = fields.find("format");
    if (format == fields.end() || !format->is_number_integer()) return fail(1, "no format number");
    spec.format_ = format->get<int>();
    if (spec.format_ != kFormat) {
      return fail(1, "format " + std::to_string(spec.format_) + " is not the supported format " +
                         std::to_string(kFormat) + " (regenerate it with tools/regenerate-spec)");
    }
    spec.cfn_lint_version_ = fields.value("cfn-lint", "");
    spec.region_ = fields.value("region", "");
  }
  if (all.size() == builtin_spec_index().file_size) {
    spec.builtin_ = true;  // checked record by record as they are asked for (place_of)
    return spec;
  }
  auto layout = std::make_shared<SpecLayout>();
  std::size_t line = 0;
  std::string why;
  if (!scan_spec_layout(all, *layout, line, why)) return fail(line, why);
  spec.scanned_ = std::move(layout);
  return spec;
}

bool ResourceSpec::scan() const {
  if (scanned_) return scan_error_.empty();
  builtin_ = false;
  auto layout = std::make_shared<SpecLayout>();
  std::size_t line = 0;
  std::string why;
  if (!scan_spec_layout(*text_, *layout, line, why)) {
    scan_error_ = malformed(path_, line, why);
    layout->records.clear();
  }
  scanned_ = std::move(layout);
  return scan_error_.empty();
}

std::string_view ResourceSpec::name_of(const SpecRecordPlace& place) const {
  return text_->substr(place.name_begin, place.name_size);
}

std::optional<SpecRecordPlace> ResourceSpec::place_of(std::string_view type) const {
  if (builtin_) {
    BuiltinSpecIndex index = builtin_spec_index();
    std::size_t low = 0, high = index.records.size();
    while (low < high) {
      std::size_t middle = low + (high - low) / 2;
      if (index.name(middle) < type) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low < index.records.size() && index.name(low) == type && is_record_line(*text_, type, index.records[low])) {
      return index.records[low];
    }
    // A type it does not list, or a file that is not the one it was made from: ask the file.
    scan();
  }
  const std::vector<SpecRecordPlace>& records = scanned_->records;
  auto it = std::lower_bound(records.begin(), records.end(), type,
                             [&](const SpecRecordPlace& place, std::string_view wanted) { return name_of(place) < wanted; });
  if (it == records.end() || name_of(*it) != type) return std::nullopt;
  return *it;
}

const std::vector<std::string>& ResourceSpec::type_names() const {
  if (builtin_) scan();
  if (!names_) {
    auto names = std::make_shared<std::vector<std::string>>();
    names->reserve(scanned_->records.size());
    for (const SpecRecordPlace& place : scanned_->records) names->emplace_back(name_of(place));
    names_ = std::move(names);
  }
  return *names_;
}

const ResourceTypeSpec* ResourceSpec::parse_record(const SpecRecordPlace& place, std::string* error) const {
  auto [slot, added] = parsed_.try_emplace(place.begin);
  if (!added) {
    if (slot->second == nullptr && error != nullptr) {
      parsed_.erase(slot);  // parsed again below, for the reason
    } else {
      return slot->second.get();
    }
  }
  std::string_view name = name_of(place);
  std::string_view text = text_->substr(place.begin, place.end - place.begin);
  try {
    auto parsed = std::make_shared<const ResourceTypeSpec>(parse_type(std::string(name), text));
    return (parsed_[place.begin] = std::move(parsed)).get();
  } catch (const std::exception& e) {  // json::exception or BadRecord
    parsed_[place.begin] = nullptr;
    if (error != nullptr) *error = "the record of " + std::string(name) + " in " + path_ + " is malformed: " + e.what();
    return nullptr;
  }
}

const ResourceTypeSpec* ResourceSpec::find_type(std::string_view type) const {
  std::optional<SpecRecordPlace> place = place_of(type);
  return place ? parse_record(*place, nullptr) : nullptr;
}

const PropertySpec* ResourceSpec::find_property(std::string_view type, std::string_view property) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_property(property) : nullptr;
}

const PropertyTypeSpec* ResourceSpec::find_property_type(std::string_view type, std::string_view property_type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_property_type(property_type) : nullptr;
}

const PropertySpec* ResourceSpec::find_nested_property(std::string_view type, std::string_view property_type,
                                                       std::string_view property) const {
  const PropertyTypeSpec* nested = find_property_type(type, property_type);
  return nested != nullptr ? nested->find_property(property) : nullptr;
}

std::span<const std::string> ResourceSpec::required_properties(std::string_view type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? std::span<const std::string>(spec->required) : std::span<const std::string>();
}

std::span<const AttributeSpec> ResourceSpec::attributes(std::string_view type) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? std::span<const AttributeSpec>(spec->attributes) : std::span<const AttributeSpec>();
}

std::optional<AttributeSpec> ResourceSpec::find_attribute(std::string_view type, std::string_view attribute) const {
  const ResourceTypeSpec* spec = find_type(type);
  return spec != nullptr ? spec->find_attribute(attribute) : std::nullopt;
}

std::optional<UpdateBehavior> ResourceSpec::update_behavior(std::string_view type,
                                                            std::span<const std::string> path) const {
  const ResourceTypeSpec* spec = find_type(type);
  if (spec == nullptr || path.empty()) return std::nullopt;
  auto rank = [](UpdateBehavior update) {
    switch (update) {
      case UpdateBehavior::Immutable: return 2;
      case UpdateBehavior::Conditional: return 1;
      case UpdateBehavior::Mutable: return 0;
    }
    return 0;
  };
  UpdateBehavior strictest = UpdateBehavior::Mutable;
  const PropertySpec* property = spec->find_property(path[0]);
  for (std::size_t i = 0;; ++i) {
    if (property == nullptr) return std::nullopt;
    if (rank(property->update) > rank(strictest)) strictest = property->update;
    if (i + 1 == path.size()) return strictest;
    const PropertyTypeSpec* nested = spec->find_property_type(property->shape.nested_type);
    if (nested == nullptr) return std::nullopt;
    property = nested->find_property(path[i + 1]);
  }
}

bool ResourceSpec::validate(std::string& error) const {
  if (!scan()) {
    error = scan_error_;
    return false;
  }
  for (const SpecRecordPlace& place : scanned_->records) {
    const ResourceTypeSpec* type = parse_record(place, &error);
    if (type == nullptr) return false;
    // Every nested type a property names is in the record.
    auto check = [&](const std::vector<PropertySpec>& properties, const std::string& owner) {
      for (const PropertySpec& property : properties) {
        if (!property.shape.nested_type.empty() && type->find_property_type(property.shape.nested_type) == nullptr) {
          error = type->name + ": " + owner + property.name + " names the missing property type " +
                  property.shape.nested_type;
          return false;
        }
      }
      return true;
    };
    if (!check(type->properties, "")) return false;
    for (const PropertyTypeSpec& nested : type->property_types) {
      if (!check(nested.properties, nested.name + ".")) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- locating

SpecLocations default_spec_locations() { return default_library_locations(); }

std::string locate_resource_spec(const SpecLocations& where, std::vector<std::string>* tried) {
  return locate_in_library(where, "spec/resource-spec.json", tried);
}

}  // namespace infrac
