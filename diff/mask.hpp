#pragma once
// No secret leaves the change model: every text in it (values, paths, line diffs of
// scripts, reasons, notes, findings) with each secret value made `*` by the one rule
// (cfn/secret_values.hpp). Done on the model, before any view renders it, so that no
// format can print a secret however it quotes, escapes or shortens a value.
#include "cfn/secret_values.hpp"
#include "diff/model.hpp"

namespace infrac::diff {

void mask_secrets(StackDiff& stack, const cfn::SecretValues& secrets);

}  // namespace infrac::diff
