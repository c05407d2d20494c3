// The floor of infrac's job: parse each given JSON file with nlohmann-json and print it
// again as infrac prints (two-space indent, keys in their order), into DIR. A compiler
// that does more than this cannot be much faster than it; bench/run.py times this whole
// process beside `infrac build` on the templates that build wrote.
//
//   json_floor -o DIR FILE...
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  if (argc < 4 || std::string(argv[1]) != "-o") {
    std::cerr << "usage: json_floor -o DIR FILE...\n";
    return 2;
  }
  std::filesystem::path out_dir = argv[2];
  for (int i = 3; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto value = nlohmann::ordered_json::parse(text);
    std::ofstream out(out_dir / std::filesystem::path(argv[i]).filename(), std::ios::binary);
    out << value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    if (!out) {
      std::cerr << "json_floor: cannot write into " << out_dir << "\n";
      return 2;
    }
  }
  return 0;
}
