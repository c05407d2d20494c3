#pragma once
// `file://` URIs <-> file system paths. Editors percent-encode what they like
// (VS Code encodes `:` and spaces), so paths are decoded and re-encoded here,
// in one place.
#include <optional>
#include <string>

namespace infrac::lsp {

// The absolute path a `file://` URI names; nothing for another scheme or a malformed URI.
std::optional<std::string> uri_to_path(const std::string& uri);
std::string path_to_uri(const std::string& path);

}  // namespace infrac::lsp
