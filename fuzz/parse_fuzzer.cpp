// libFuzzer target: one .infra file through the parser, and its diagnostics rendered
// as text and JSON. Any crash, sanitizer report, leak or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "diagnostics/render.hpp"
#include "parse/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  infrac::SourceManager sources;
  infrac::FileId id = sources.add("fuzz.infra", std::string(reinterpret_cast<const char*>(data), size));
  infrac::Diagnostics diagnostics;
  diagnostics.set_limit(50);
  infrac::ast::Module module = infrac::parse(sources, id, diagnostics);
  (void)module;
  std::vector<infrac::Diagnostic> sorted = diagnostics.sorted();
  infrac::SecretMask mask = infrac::SecretMask::of(diagnostics);
  (void)infrac::render_text(sorted, sources, false, mask);
  (void)infrac::render_json(sorted, sources, mask);
  return 0;
}
