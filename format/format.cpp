#include "format/format.hpp"

#include "format/print.hpp"
#include "parse/parse.hpp"

namespace infrac::format {

std::string format_module(const ast::Module& module, std::string_view source, const FormatOptions& options) {
  SourceFacts facts(module, source);
  Printer printer(facts, options);
  print_module(printer, module);
  return printer.finish();
}

std::optional<std::string> format_source(const SourceManager& sources, FileId file, Diagnostics& diagnostics,
                                         const FormatOptions& options) {
  std::size_t errors_before = diagnostics.error_count();
  ast::Module module = parse(sources, file, diagnostics);
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return format_module(module, sources.file(file).text(), options);
}

std::optional<std::string> format_text(std::string path, std::string text, SourceManager& sources, Diagnostics& diagnostics,
                                       const FormatOptions& options) {
  FileId file = sources.add(std::move(path), std::move(text));
  return format_source(sources, file, diagnostics, options);
}

}  // namespace infrac::format
