#pragma once
// The places of the records of stdlib/spec/resource-spec.json, found when infrac was
// built (spec/index_generator.cpp writes builtin_index.cpp in the build tree) and
// compiled in: a load of that file reads its header and the records it is asked for,
// not all 2 MB of it (bench/README.md). ResourceSpec uses it only for a file of the same
// size, checks each record it finds there (spec_layout.hpp: is_record_line), and scans
// the file itself at the first record that does not check or type it does not list.
#include <cstdint>
#include <span>
#include <string_view>

#include "spec/spec_layout.hpp"

namespace infrac {

struct BuiltinSpecIndex {
  std::uint64_t file_size = 0;
  std::string_view names;                        // every type name, one after the other
  std::span<const std::uint32_t> name_offsets;   // where each one starts in `names`
  std::span<const SpecRecordPlace> records;      // sorted by name, parallel to name_offsets

  std::string_view name(std::size_t i) const { return names.substr(name_offsets[i], records[i].name_size); }
};

BuiltinSpecIndex builtin_spec_index();

}  // namespace infrac
