#include "cli/atomic_write.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace infrac {
namespace {
namespace fs = std::filesystem;

std::string temporary_name(const std::string& path) { return path + ".tmp-" + std::to_string(::getpid()); }

void remove_all(const std::vector<std::string>& paths) {
  std::error_code ignored;
  for (const auto& p : paths) fs::remove(p, ignored);
}

}  // namespace

std::string write_all_or_nothing(const std::vector<OutputFile>& files) {
  std::vector<std::string> temporaries;
  for (const auto& file : files) {
    std::string temporary = temporary_name(file.path);
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (out) temporaries.push_back(temporary);
    out << file.contents;
    out.close();
    if (!out) {
      std::string reason = std::strerror(errno);
      remove_all(temporaries);
      return "cannot write `" + file.path + "`: " + reason;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    fs::rename(temporaries[i], files[i].path, ec);
    if (ec) {
      remove_all({temporaries.begin() + static_cast<std::ptrdiff_t>(i), temporaries.end()});
      return "cannot replace `" + files[i].path + "`: " + ec.message();
    }
  }
  return {};
}

}  // namespace infrac
