#include "emit/emit.hpp"

namespace infrac {

std::string emit_json(const Json& value) {
  // Sources are checked to be UTF-8, so `replace` never fires; it only rules out a throw.
  return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string emit_template(const LoweredStack& stack) { return emit_json(stack.template_body); }

std::string emit_policy(const LoweredStack& stack) { return emit_json(stack.stack_policy); }

}  // namespace infrac
