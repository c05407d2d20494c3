#pragma once
// A syntax error can stop the parser before it knows which parameter is
// no_echo, yet the error's source line may hold that parameter's default.
// This scan finds the text of every `param` declaration that mentions no_echo
// and marks each string literal in it secret, erring on the side of masking.
#include <string_view>

#include "diagnostics/diagnostics.hpp"

namespace infrac {

void mark_no_echo_literals(std::string_view text, FileId file, Diagnostics& diagnostics);

}  // namespace infrac
