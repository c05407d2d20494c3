#pragma once
// Where each record of the specification file lies (the file's layout is in
// stdlib/spec/README.md): a header line ending in `"types":{`, then one
// `"AWS::X::Y":{record}` line per resource type, sorted by name, then `}}`.
// Shared by the loader (spec/resource_spec.cpp) and the generator of the index built
// into infrac (spec/index_generator.cpp), so that both read the file the same way.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace infrac {

// One resource type's line: its name and its record (the object, without the comma
// after it), as byte offsets into the file. Offsets, not views, so that a table of them
// can be compiled into the executable without a relocation per entry.
struct SpecRecordPlace {
  std::uint32_t name_begin = 0;
  std::uint32_t name_size = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct SpecLayout {
  std::string_view header;  // the first line, without its line end
  std::vector<SpecRecordPlace> records;  // sorted by name
};

// Scans the whole file. On a malformed line returns false with the line's number in
// `line` and why in `error`.
bool scan_spec_layout(std::string_view text, SpecLayout& layout, std::size_t& line, std::string& error);

// Whether `place` is, in `text`, exactly the line of the type `name` that a scan would
// find: the name at its offsets, at the start of a line, quoted and followed by `:`, and
// the record, a `{...}` without a line end inside, ending the line (before an optional
// comma). Checks only that line, not the rest of the file.
bool is_record_line(std::string_view text, std::string_view name, const SpecRecordPlace& place);

}  // namespace infrac
