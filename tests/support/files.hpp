#pragma once
// File helpers shared by the case-driven tests.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::test {

// Whole file, bytes unchanged. Throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);
// Creates parent directories; throws std::runtime_error on failure.
void write_file(const std::filesystem::path& path, std::string_view bytes);

// Sorted stems of the regular files `dir/*<extension>` (extension with its dot).
std::vector<std::string> case_names(const std::filesystem::path& dir, std::string_view extension);
// Sorted paths, relative to `dir`, of every regular file below it.
std::vector<std::string> files_under(const std::filesystem::path& dir);

// A case's new side given as `case_dir/new.patch` (a unified diff, `diff -ru old new`) instead
// of a directory: a copy of `case_dir/old` (often a link to an example) in `into`, patched,
// so that the case holds its change and not a copy that drifts from the example.
// Throws std::runtime_error, with patch's messages, when the patch does not apply.
std::filesystem::path patched_new_side(const std::filesystem::path& case_dir, const std::filesystem::path& into);

// A case name must be usable as a doctest/CTest filter and a file-name prefix.
bool is_valid_case_name(std::string_view name);

// Empty when equal; otherwise where the texts first differ, with both lines shown escaped.
std::string first_difference(std::string_view expected, std::string_view actual);

// True when INFRAC_UPDATE_GOLDEN=1: rewrite expectations instead of comparing.
bool update_golden_requested();

}  // namespace infrac::test
