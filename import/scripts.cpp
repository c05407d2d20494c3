#include "import/scripts.hpp"

#include <algorithm>

#include "parse/text.hpp"

namespace infrac::importer {
namespace {

// The text as a file() file holds it: `<<Name>>` where a value goes, literal `<<Name>>`
// written `<<!Name>>`; nothing when the text holds a literal `<<!Name>>`, which a file
// cannot spell.
std::optional<std::string> file_text(const ast::Expr& e) {
  std::string out;
  auto literal = [&out](const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      InterpolationAt m = interpolation_at(text, i);
      if (m.length > 0 && m.literal) return false;
      if (m.length > 0) {
        out += "<<!" + text.substr(i + 2, m.length - 2);
        i += m.length - 1;
        continue;
      }
      out += text[i];
    }
    return true;
  };
  if (e.kind == ast::Expr::Kind::String) return literal(e.text) ? std::optional(out) : std::nullopt;
  for (const auto& part : e.parts) {
    if (part.kind == ast::TextPart::Kind::Reference) {
      out += "<<" + part.text + (part.attribute.empty() ? "" : "." + part.attribute) + ">>";
    } else if (!literal(part.text)) {
      return std::nullopt;
    }
  }
  return out;
}

std::string extension(const std::string& text, const std::string& runtime) {
  std::string first = text.substr(0, text.find('\n'));
  if (first.starts_with("#!")) {
    if (first.find("python") != std::string::npos) return ".py";
    if (first.find("node") != std::string::npos) return ".js";
    return ".sh";
  }
  if (runtime.starts_with("python")) return ".py";
  if (runtime.starts_with("nodejs")) return ".js";
  return ".txt";
}

std::string safe(const std::string& name) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '-';
  while (!out.empty() && (out[0] == '.' || out[0] == '-')) out.erase(0, 1);
  return out;
}

void walk(ast::Expr& e, const std::string& key, const std::function<void(ast::Expr&, const std::string&)>& visit) {
  if ((e.kind == ast::Expr::Kind::String || e.kind == ast::Expr::Kind::Text) && e.origin == ast::Expr::Origin::Block) {
    visit(e, key);
    return;
  }
  for (auto& item : e.items) walk(item, key, visit);
  for (auto& entry : e.entries) {
    // A cfn-init file's `content` is named after the file: /etc/nginx/app.conf -> app.conf.
    std::string name = entry.key;
    if (entry.key == "content" || entry.key == "source") name = key.substr(key.find_last_of('/') + 1);
    walk(entry.value, name, visit);
  }
}

}  // namespace

std::string ScriptWriter::file_name(const std::string& resource, const std::string& key, const std::string& text,
                                    const std::string& runtime) {
  // A resource of a loop (`Host<<Name>>`) has one file for all its copies: `HostName-...`.
  std::string name_of_resource = resource;
  for (const char* marker : {"<<", ">>"}) {
    for (std::size_t at = name_of_resource.find(marker); at != std::string::npos; at = name_of_resource.find(marker)) name_of_resource.erase(at, 2);
  }
  std::string stem = dir_ + "/" + name_of_resource + "-" + safe(key);
  bool has_extension = key.find('.') != std::string::npos;
  std::string ext = has_extension ? "" : extension(text, runtime);
  std::string name = stem + ext;
  for (int n = 2; std::any_of(files_.begin(), files_.end(), [&name](const ScriptFile& f) { return f.path == name; }); ++n) {
    name = stem + "-" + std::to_string(n) + ext;
  }
  return name;
}

void ScriptWriter::extract(ast::Expr& value, const std::string& resource, const std::string& key, const std::string& runtime) {
  walk(value, key, [&](ast::Expr& e, const std::string& name) {
    auto text = file_text(e);
    if (!text) return;  // stays a text block
    std::string path = file_name(resource, name, *text, runtime);
    files_.push_back({path, *text});
    ast::Expr arg;
    arg.kind = ast::Expr::Kind::String;
    arg.text = path;
    ast::Expr call;
    call.kind = ast::Expr::Kind::Call;
    call.name = "file";
    call.items.push_back(std::move(arg));
    call.span = e.span;
    e = std::move(call);
  });
}

}  // namespace infrac::importer
