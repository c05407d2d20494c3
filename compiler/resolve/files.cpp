#include "resolve/files.hpp"

#include <filesystem>
#include <map>

#include "ast/for_each_expr.hpp"
#include "limits.hpp"
#include "parse/text.hpp"
#include "io/utf8.hpp"

namespace infrac {
namespace {

namespace fs = std::filesystem;

// A text some `file()` call read well, by its path: a project that names one script in
// many places reads, checks and splits it once. Each call still gets a source file of
// its own (so diagnostics in the text say which call loaded it), holding a copy.
struct LoadedText {
  std::string text;
  FileId first = 0;                   // the source file of the first call
  std::vector<ast::TextPart> parts;   // as split, before normalise_text
};
using LoadedTexts = std::map<std::string, LoadedText, std::less<>>;

class Resolver {
 public:
  Resolver(FileId module_file, const io::Places& places, SourceManager& sources, Diagnostics& diagnostics, LoadedTexts& loaded)
      : base_dir_(fs::path(sources.file(module_file).path()).parent_path()),
        places_(places),
        sources_(sources),
        diagnostics_(diagnostics),
        loaded_(loaded) {}

  void visit(ast::Expr& e) {
    for (auto& item : e.items) visit(item);
    for (auto& entry : e.entries) visit(entry.value);
    if (e.kind == ast::Expr::Kind::Call && e.name == "file") load(e);
  }

 private:
  fs::path base_dir_;
  const io::Places& places_;
  SourceManager& sources_;
  Diagnostics& diagnostics_;
  LoadedTexts& loaded_;

  void load(ast::Expr& call) {
    if (call.items.size() != 1 || call.items[0].kind != ast::Expr::Kind::String) {
      diagnostics_.error(call.span, "`file` takes one argument: a path in a string without interpolation, such as "
                                    "`file(\"scripts/user_data.sh\")`");
      call.kind = ast::Expr::Kind::Invalid;
      return;
    }
    const ast::Expr& argument = call.items[0];
    fs::path relative(argument.text);
    if (argument.text.empty() || relative.is_absolute()) {
      diagnostics_.error(argument.span, argument.text.empty() ? std::string("`file` needs a path, relative to the .infra file")
                                                              : "`file` takes a path relative to the .infra file, not `" + argument.text + "`");
      call.kind = ast::Expr::Kind::Invalid;
      return;
    }
    fs::path path = (base_dir_ / relative).lexically_normal();
    if (auto known = loaded_.find(path.generic_string()); known != loaded_.end()) return load_again(call, known->second);
    // Larger texts are a mistake: user data is capped at 16 KB and templates at 1 MB.
    io::InputFile input;
    if (io::ReadProblem problem = io::read_input(path.string(), limits::kFileTextBytes, sources_.unsaved_texts(), input)) {
      std::string message = "cannot read `" + path.generic_string() + "`: " + (problem.missing ? "no such file" : problem.reason);
      auto& d = problem.missing ? diagnostics_.error(argument.span, message) : diagnostics_.input_failure(argument.span, {}, message);
      if (problem.missing) d.notes.push_back({std::nullopt, "`file` paths are relative to the directory of the .infra file that names them"});
      call.kind = ast::Expr::Kind::Invalid;
      return;
    }
    if (!places_.contain(input.real_path)) {
      auto& d = diagnostics_.error(argument.span, "`" + argument.text + "` is outside the project directory, which `file` may not leave");
      d.notes.push_back({std::nullopt, "the project is the directory of each file or directory given on the command line"});
      call.kind = ast::Expr::Kind::Invalid;
      return;
    }
    FileId id = sources_.add(path.generic_string(), std::move(input.text), call.span);
    const std::string& text = sources_.file(id).text();
    if (std::size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
      auto at = static_cast<std::uint32_t>(bad);
      diagnostics_.error({id, at, at + 1}, "the file is not valid UTF-8");
      call.kind = ast::Expr::Kind::Invalid;
      return;
    }
    LoadedText& known = loaded_[path.generic_string()];
    known = {text, id, {}};
    split_interpolations(text, id, 0, known.parts);
    become_text(call, known, id);
  }

  // A text read before: inside the project then, so now; a source file of its own for this call.
  void load_again(ast::Expr& call, const LoadedText& known) {
    become_text(call, known, sources_.add(sources_.file(known.first).path(), known.text, call.span));
  }

  void become_text(ast::Expr& call, const LoadedText& known, FileId id) {
    if (known.text.find("\r\n") != std::string::npos) warn_windows_line_endings(diagnostics_, call.items[0].span);
    ast::Expr loaded;
    loaded.span = call.span;
    loaded.origin = ast::Expr::Origin::File;
    loaded.file_path = sources_.file(id).path();
    loaded.parts = known.parts;
    for (auto& part : loaded.parts) part.span.file = id;
    normalise_text(loaded);
    call = std::move(loaded);
  }
};

}  // namespace

void load_files(std::vector<ast::Module>& modules, const io::Places& places, SourceManager& sources, Diagnostics& diagnostics) {
  LoadedTexts loaded;
  for (auto& module : modules) {
    Resolver resolver(module.file, places, sources, diagnostics, loaded);
    for (auto& let : module.lets) resolver.visit(let.value);
    auto body = [&](ast::Stack& stack) {
      for (auto& let : stack.lets) resolver.visit(let.value);
      ast::for_each_expr(stack, [&](ast::Expr& e) { resolver.visit(e); });
    };
    for (auto& component : module.components) {
      for (auto& p : component.params) {
        if (p.default_value) resolver.visit(*p.default_value);
      }
      body(component.body);
    }
    for (auto& stack : module.stacks) body(stack);
  }
}

}  // namespace infrac
