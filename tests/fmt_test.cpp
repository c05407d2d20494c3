// `infrac fmt` over the repository and on the command line:
//  - every .infra file of the repository that parses formats idempotently, keeps every
//    comment, and keeps its tree (the same module printed without its source);
//  - formatting changes no compiled template (golden cases, format cases, examples, stdlib);
//  - examples/, stdlib/ and the grammar/REFERENCE.md examples are formatted
//    (tools/regenerate-reference formats the reference's examples and rewrites the
//    outputs the page quotes from them; an example after a line `<!-- fmt: skip -->`
//    shows syntax the layout would change);
//  - `infrac fmt --check` passes on the repository (its .infrafmtignore names what must stay
//    unformatted) and fails naming a misformatted file;
//  - the command: in place, --check, --diff, -, syntax errors, missing files, ignore files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "ast/ast.hpp"
#include "cli/fmt_ignore.hpp"
#include "format/format.hpp"
#include "parse/parse.hpp"
#include "support/cli_capture.hpp"
#include "support/files.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace infrac;
using namespace infrac::test;

namespace {

const fs::path kSource = INFRAC_SOURCE_DIR;

// Every .infra file of the source tree (not in hidden, build or node_modules directories).
std::vector<fs::path> repository_infra_files() {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(kSource); it != fs::recursive_directory_iterator(); ++it) {
    std::string name = it->path().filename().string();
    if (it->is_directory() && (name[0] == '.' || name.rfind("build", 0) == 0 || name == "node_modules" || name == "out")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".infra") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Parsed {
  SourceManager sources;
  ast::Module module;
  bool ok = false;
};

std::unique_ptr<Parsed> parse_text(const std::string& path, const std::string& text) {
  auto p = std::make_unique<Parsed>();
  Diagnostics diagnostics;
  FileId file = p->sources.add(path, text);
  p->module = parse(p->sources, file, diagnostics);
  p->ok = !diagnostics.has_errors();
  return p;
}

std::string format_text(const std::string& path, const std::string& text) {
  SourceManager sources;
  Diagnostics diagnostics;
  auto formatted = format::format_text(path, text, sources, diagnostics);
  REQUIRE_MESSAGE(formatted.has_value(), path << " does not parse");
  return *formatted;
}

std::vector<std::string> comment_texts(const ast::Module& module) {
  std::vector<std::string> out;
  for (const auto& c : module.comments) {
    std::string text = c.text;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.pop_back();
    out.push_back(text);
  }
  return out;
}

// The fenced ```infra examples of a markdown text: offset and length of each body.
struct Example {
  std::size_t begin = 0, end = 0;
};
std::vector<Example> infra_examples(const std::string& markdown) {
  std::vector<Example> out;
  std::size_t at = 0;
  while (at < markdown.size()) {
    std::size_t eol = markdown.find('\n', at);
    if (eol == std::string::npos) break;
    std::string_view line(markdown.data() + at, eol - at);
    std::size_t ticks = line.find_first_not_of('`');
    // `<!-- fmt: skip -->` on the line before the fence: an example of what the layout would change.
    bool skipped = at >= 19 && markdown.compare(at - 19, 19, "<!-- fmt: skip -->\n") == 0;
    if (ticks >= 3 && ticks != std::string_view::npos && line.substr(ticks) == "infra") {
      std::string fence(ticks, '`');
      std::size_t body = eol + 1, p = body;
      while (p < markdown.size()) {
        std::size_t e = markdown.find('\n', p);
        if (e == std::string::npos) e = markdown.size();
        if (std::string_view(markdown.data() + p, e - p) == fence) break;
        p = e + 1;
      }
      at = std::min(markdown.size(), p + fence.size() + 1);
      if (!skipped) out.push_back({body, p});
      continue;
    }
    at = eol + 1;
  }
  return out;
}

void set_library_path(const std::string& value) { ::setenv("INFRAC_PATH", value.c_str(), 1); }

std::map<std::string, std::string> build_outputs(const std::vector<std::string>& inputs, int& status) {
  TempDir out;
  std::vector<std::string> args = {"build"};
  args.insert(args.end(), inputs.begin(), inputs.end());
  args.push_back("-o");
  args.push_back(out.path().string());
  CliResult r = run_infrac(args);
  status = r.status;
  std::map<std::string, std::string> files;
  for (const auto& f : files_under(out.path())) files[f] = read_file(out.path() / f);
  return files;
}

}  // namespace

TEST_CASE("every .infra file of the repository formats idempotently and keeps its comments and its tree") {
  int parsed = 0;
  for (const fs::path& file : repository_infra_files()) {
    std::string text = read_file(file);
    auto original = parse_text(file.string(), text);
    if (!original->ok) continue;  // tests/errors and the like: fmt refuses them (tested below)
    ++parsed;
    INFO("file: ", fs::relative(file, kSource).generic_string());
    std::string once = format_text(file.string(), text);
    std::string twice = format_text(file.string(), once);
    std::string difference = first_difference(once, twice);
    CHECK_MESSAGE(difference.empty(), "formatting twice changes it again: " << difference);
    auto formatted = parse_text(file.string(), once);
    REQUIRE_MESSAGE(formatted->ok, "the formatted text does not parse:\n" << once);
    CHECK(comment_texts(formatted->module) == comment_texts(original->module));
    // The same tree: both print alike from their values alone (no source, no comments).
    ast::Module a = original->module, b = formatted->module;
    a.comments.clear();
    b.comments.clear();
    difference = first_difference(format::format_module(a, {}), format::format_module(b, {}));
    CHECK_MESSAGE(difference.empty(), "the formatted file has a different tree: " << difference);
  }
  CHECK(parsed > 100);
}

TEST_CASE("formatting changes no compiled template") {
  TempDir copy;
  for (const char* dir : {"tests/golden", "tests/format", "examples", "stdlib/std"}) {
    fs::create_directories(copy.path() / dir);
    fs::copy(kSource / dir, copy.path() / dir, fs::copy_options::recursive);
  }
  // Format the copy in place, as a user would; files that do not parse are left alone.
  std::vector<std::string> args = {"fmt"};
  for (const char* dir : {"tests/golden", "tests/format", "examples", "stdlib/std"}) args.push_back((copy.path() / dir).string());
  CliResult fmt = run_infrac(args);
  REQUIRE_MESSAGE(fmt.status == 0, fmt.err);

  std::vector<std::vector<std::string>> builds;  // relative inputs of one build each
  for (const char* dir : {"tests/golden", "tests/format"}) {
    for (const auto& name : case_names(kSource / dir, ".infra")) builds.push_back({std::string(dir) + "/" + name + ".infra"});
  }
  for (const auto& entry : fs::directory_iterator(kSource / "examples")) {
    if (entry.is_directory()) builds.push_back({"examples/" + entry.path().filename().string()});
  }
  const char* saved = std::getenv("INFRAC_PATH");
  std::string saved_path = saved ? saved : "";
  int built = 0;
  for (const auto& inputs : builds) {
    INFO("build of ", inputs.front());
    std::vector<std::string> original_inputs, formatted_inputs;
    for (const auto& i : inputs) {
      original_inputs.push_back((kSource / i).string());
      formatted_inputs.push_back((copy.path() / i).string());
    }
    int original_status = 0, formatted_status = 0;
    set_library_path((kSource / "stdlib").string());
    auto original = build_outputs(original_inputs, original_status);
    set_library_path((copy.path() / "stdlib").string() + ":" + (kSource / "stdlib").string());
    auto formatted = build_outputs(formatted_inputs, formatted_status);
    CHECK(original_status == formatted_status);
    if (original_status != 0) continue;
    ++built;
    std::set<std::string> names_a, names_b;
    for (const auto& [name, bytes] : original) names_a.insert(name);
    for (const auto& [name, bytes] : formatted) names_b.insert(name);
    REQUIRE(names_a == names_b);
    for (const auto& output : original) {
      const std::string& name = output.first;  // not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE
      std::string difference = first_difference(output.second, formatted.at(name));
      CHECK_MESSAGE(difference.empty(), name << " changed by formatting: " << difference);
    }
  }
  if (saved) {
    set_library_path(saved_path);
  } else {
    ::unsetenv("INFRAC_PATH");
  }
  CHECK(built > 30);
}

TEST_CASE("examples, the standard library and the reference's examples are formatted") {
  CliResult r = run_infrac({"fmt", "--check", (kSource / "examples").string(), (kSource / "stdlib").string()});
  CHECK_MESSAGE(r.status == 0, "not formatted (run `infrac fmt examples stdlib`):\n" << r.out << r.err);

  const fs::path reference = kSource / "grammar" / "REFERENCE.md";
  std::string markdown = read_file(reference);
  std::vector<Example> examples = infra_examples(markdown);
  CHECK(examples.size() >= 40);
  for (const Example& e : examples) {
    std::string body = markdown.substr(e.begin, e.end - e.begin);
    SourceManager sources;
    Diagnostics diagnostics;
    auto formatted = format::format_text("REFERENCE.md", body, sources, diagnostics);
    if (!formatted) continue;  // an example of a syntax error
    CHECK_MESSAGE(*formatted == body, "a grammar/REFERENCE.md example is not formatted (tools/regenerate-reference formats it "
                                      "and the outputs the page quotes): "
                                          << first_difference(body, *formatted) << "\n" << body);
  }
}

TEST_CASE("infrac fmt --check passes on the repository, and fails naming a misformatted file in a copy of it") {
  CliResult r = run_infrac({"fmt", "--check", kSource.string()});
  CHECK_MESSAGE(r.status == 0, "not formatted (run `infrac fmt .`, or name a file that must stay so in .infrafmtignore):\n"
                                   << r.out << r.err);
  CHECK(r.out.empty());

  // A copy of the repository's sources (every .infra file and the ignore file), one misformatted.
  TempDir copy;
  fs::create_directories(copy.path() / ".git");
  fs::copy_file(kSource / fmt_ignore::kFileName, copy.path() / fmt_ignore::kFileName);
  for (const fs::path& file : repository_infra_files()) {
    fs::path relative = fs::relative(file, kSource);
    fs::create_directories((copy.path() / relative).parent_path());
    fs::copy_file(file, copy.path() / relative);
  }
  const fs::path app = copy.path() / "examples" / "rebuild" / "app.infra";
  std::string text = read_file(app);
  REQUIRE(text.find("\n  ") != std::string::npos);
  write_file(app, text.replace(text.find("\n  "), 3, "\n     "));
  CliResult messy = run_infrac({"fmt", "--check", copy.path().string()});
  CHECK(messy.status == 3);
  CHECK(messy.out == app.string() + "\n");
  CHECK(messy.err.empty());
}

TEST_CASE("fmt_ignore: gitignore's patterns") {
  auto one = [](const char* line) {
    auto patterns = fmt_ignore::parse_patterns(line);
    REQUIRE(patterns.size() == 1);
    return patterns.front();
  };
  CHECK(fmt_ignore::parse_patterns("# a comment\n\n   \n").empty());
  CHECK(fmt_ignore::matches(one("*.infra"), "a/b/c.infra", false));       // no `/`: a name at any depth
  CHECK_FALSE(fmt_ignore::matches(one("/*.infra"), "a/c.infra", false));  // a leading `/`: here only
  CHECK(fmt_ignore::matches(one("/*.infra"), "c.infra", false));
  CHECK(fmt_ignore::matches(one("tests/*.infra"), "tests/x.infra", false));
  CHECK_FALSE(fmt_ignore::matches(one("tests/*.infra"), "tests/sub/x.infra", false));  // `*` stops at `/`
  CHECK(fmt_ignore::matches(one("tests/**/x.infra"), "tests/x.infra", false));
  CHECK(fmt_ignore::matches(one("tests/**/x.infra"), "tests/a/b/x.infra", false));
  CHECK(fmt_ignore::matches(one("**/x.infra"), "a/x.infra", false));
  CHECK(fmt_ignore::matches(one("tests/**"), "tests/a/b", false));
  CHECK_FALSE(fmt_ignore::matches(one("tests/**"), "tests", true));
  CHECK(fmt_ignore::matches(one("out/"), "a/out", true));
  CHECK_FALSE(fmt_ignore::matches(one("out/"), "a/out", false));  // a trailing `/`: directories only
  CHECK(fmt_ignore::matches(one("case_[0-9].inf?a"), "case_7.infra", false));
  CHECK(fmt_ignore::matches(one("\\#hash.infra"), "#hash.infra", false));
  CHECK(one("!keep.infra").negated);
  CHECK(one("x.infra   ").text == "x.infra");
  CHECK(fmt_ignore::matches(one("*.infra"), ".hidden.infra", false));  // `*` matches a leading dot, as in git
}

// An ignore file comes with the repository, so a pull request can write one: a pattern of many
// `**` against a deep path must not take exponential time (fmt --check in CI would hang).
TEST_CASE("fmt_ignore: many `**` against a deep path that they do not match") {
  std::string pattern = "x";
  for (int i = 0; i < 12; ++i) pattern += "/**/a";
  pattern += "/b";
  std::string path = "x";
  for (int i = 0; i < 40; ++i) path += "/a";
  path += "/c";
  auto patterns = fmt_ignore::parse_patterns(pattern);
  REQUIRE(patterns.size() == 1);
  CHECK_FALSE(fmt_ignore::matches(patterns.front(), path, false));
  CHECK(fmt_ignore::matches(patterns.front(), path.substr(0, path.size() - 1) + "b", false));
}

// ---- the command ---------------------------------------------------------------------

TEST_CASE("fmt rewrites files in place, and a directory's .infra files below it") {
  TempDir dir;
  const std::string messy = "stack app {\n    resource Q:AWS::SQS::Queue{\nQueueName:\"q\"}\n}\n";
  const std::string tidy = "stack app {\n  resource Q: AWS::SQS::Queue {\n    QueueName: \"q\"\n  }\n}\n";
  write_file(dir.path() / "a.infra", messy);
  write_file(dir.path() / "sub" / "b.infra", messy);
  write_file(dir.path() / "notes.txt", messy);
  CliResult r = run_infrac({"fmt", dir.path().string()});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(read_file(dir.path() / "a.infra") == tidy);
  CHECK(read_file(dir.path() / "sub" / "b.infra") == tidy);
  CHECK(read_file(dir.path() / "notes.txt") == messy);
  // Nothing left to do: nothing written, status 0.
  auto before = fs::last_write_time(dir.path() / "a.infra");
  CHECK(run_infrac({"fmt", (dir.path() / "a.infra").string()}).status == 0);
  CHECK(fs::last_write_time(dir.path() / "a.infra") == before);
}

TEST_CASE("fmt --check lists the files that need formatting and exits 3, writing nothing") {
  TempDir dir;
  const std::string messy = "stack app {\nresource Q: AWS::SQS::Queue { QueueName: \"q\" }\n}\n";
  write_file(dir.path() / "a.infra", messy);
  write_file(dir.path() / "b.infra", format_text("b.infra", messy));
  CliResult r = run_infrac({"fmt", "--check", dir.path().string()});
  CHECK(r.status == 3);
  CHECK(r.out == (dir.path() / "a.infra").string() + "\n");
  CHECK(read_file(dir.path() / "a.infra") == messy);
  CHECK(run_infrac({"fmt", "--check", (dir.path() / "b.infra").string()}).status == 0);
}

TEST_CASE("fmt --diff shows a unified diff and writes nothing") {
  TempDir dir;
  const std::string messy = "stack app {\n  resource Q: AWS::SQS::Queue {\n      QueueName:   \"q\"\n  }\n}\n";
  write_file(dir.path() / "a.infra", messy);
  const std::string path = (dir.path() / "a.infra").string();
  CliResult r = run_infrac({"fmt", "--diff", path});
  CHECK(r.status == 0);
  CHECK(r.out == "--- " + path + "\n+++ " + path + " (formatted)\n@@ -1,5 +1,5 @@\n stack app {\n   resource Q: AWS::SQS::Queue {\n-      QueueName:   \"q\"\n+    QueueName: \"q\"\n   }\n }\n");
  CHECK(read_file(dir.path() / "a.infra") == messy);
  CHECK(run_infrac({"fmt", "--diff", "--check", path}).status == 3);
}

TEST_CASE("fmt never touches a file with syntax errors: they are reported, exit 1; other files are formatted") {
  TempDir dir;
  const std::string broken = "stack app {\n  resource Q: AWS::SQS::Queue {\n    QueueName: \"q\n  }\n}\n";
  const std::string messy = "stack app {\nresource Q: AWS::SQS::Queue { QueueName: \"q\" }\n}\n";
  write_file(dir.path() / "broken.infra", broken);
  write_file(dir.path() / "ok.infra", messy);
  CliResult r = run_infrac({"fmt", dir.path().string()});
  CHECK(r.status == 1);
  CHECK(r.err.find("broken.infra:3:18: error: unterminated string") != std::string::npos);
  CHECK(r.err.find("was not formatted: it has syntax errors") != std::string::npos);
  CHECK(read_file(dir.path() / "broken.infra") == broken);
  CHECK(read_file(dir.path() / "ok.infra") != messy);
  CHECK(run_infrac({"fmt", "--check", (dir.path() / "broken.infra").string()}).status == 1);
}

TEST_CASE("fmt: a missing file is a usage or I/O problem (exit 2)") {
  CliResult r = run_infrac({"fmt", "no/such/file.infra"});
  CHECK(r.status == 2);
  CHECK(r.err == "infrac: error: cannot read `no/such/file.infra`: no such file or directory\n");
  // Inputs are read as every input is (io/): regular files only, nothing under /dev.
  CliResult device = run_infrac({"fmt", "/dev/null"});
  CHECK(device.status == 2);
  CHECK(device.err.rfind("infrac: error: cannot read `/dev/null`: ", 0) == 0);
}

TEST_CASE("fmt - formats standard input to standard output (the real binary)") {
  TempDir dir;
  write_file(dir.path() / "in.infra", "stack app {\nresource Q: AWS::SQS::Queue {   # the queue\n QueueName: \"q\" }\n}\n");
  write_file(dir.path() / "bad.infra", "stack app {\n");
  std::string infrac = shell_quote(INFRAC_BINARY);
  Process ok = run_shell(infrac + " fmt - < " + shell_quote((dir.path() / "in.infra").string()));
  CHECK(ok.status == 0);
  CHECK(ok.output == "stack app {\n  resource Q: AWS::SQS::Queue {  # the queue\n    QueueName: \"q\"\n  }\n}\n");
  Process check = run_shell(infrac + " fmt --check - < " + shell_quote((dir.path() / "in.infra").string()));
  CHECK(check.status == 3);
  CHECK(check.output == "<stdin>\n");
  Process bad = run_shell(infrac + " fmt - < " + shell_quote((dir.path() / "bad.infra").string()) + " 2>&1");
  CHECK(bad.status == 1);
  CHECK(bad.output.find("<stdin>:2:1: error: expected `}` to close the stack") != std::string::npos);
}

TEST_CASE("a module built by a program prints through the same printer, and parses back to the same tree") {
  ast::Module m;
  ast::Stack s;
  s.name = "imported";
  ast::Parameter p;
  p.name = "Env";
  p.type.text = "String";
  p.default_value = ast::Expr::made(ast::Expr::Kind::String, {}, "prod \"quoted\" <<NotInterpolated>>");
  s.parameters.push_back(p);
  ast::Resource r;
  r.name = "Bucket";
  r.type.text = "AWS::S3::Bucket";
  ast::Expr name = ast::Expr::made(ast::Expr::Kind::Text, {});
  name.parts.push_back({ast::TextPart::Kind::Reference, "AWS::StackName", {}, {}});
  name.parts.push_back({ast::TextPart::Kind::Literal, "-data", {}, {}});
  r.properties.push_back({"BucketName", {}, name});
  ast::Expr tags = ast::Expr::made(ast::Expr::Kind::List, {});
  ast::Expr tag = ast::Expr::made(ast::Expr::Kind::Map, {});
  tag.entries.push_back({"Key", {}, ast::Expr::made(ast::Expr::Kind::String, {}, "Env")});
  ast::Expr env = ast::Expr::made(ast::Expr::Kind::Reference, {});
  env.name = "Env";
  tag.entries.push_back({"Value", {}, env});
  tags.items.push_back(tag);
  r.properties.push_back({"Tags", {}, tags});
  ast::Expr script = ast::Expr::made(ast::Expr::Kind::String, {}, "#!/bin/bash\n```\necho\n");
  script.origin = ast::Expr::Origin::Block;
  r.properties.push_back({"Script", {}, script});
  s.resources.push_back(r);
  ast::Output o;
  o.name = "BucketArn";
  o.value = ast::Expr::made(ast::Expr::Kind::Reference, {});
  o.value.name = "Bucket";
  o.value.attribute = "Arn";
  s.outputs.push_back(o);
  m.stacks.push_back(s);

  std::string text = format::format_module(m, {});
  CHECK(text ==
        "stack imported {\n"
        "  param Env: String = \"prod \\\"quoted\\\" <<!NotInterpolated>>\"\n"
        "\n"
        "  resource Bucket: AWS::S3::Bucket {\n"
        "    BucketName: \"<<AWS::StackName>>-data\"\n"
        "    Tags: [{ Key: \"Env\", Value: Env }]\n"
        "    Script: ````\n"
        "      #!/bin/bash\n"
        "      ```\n"
        "      echo\n"
        "      ````\n"
        "  }\n"
        "\n"
        "  output BucketArn = Bucket.Arn\n"
        "}\n");
  auto back = parse_text("printed.infra", text);
  REQUIRE(back->ok);
  CHECK(format::format_module(back->module, {}) == text);
  CHECK(back->module.stacks.at(0).parameters.at(0).default_value->text == "prod \"quoted\" <<NotInterpolated>>");
  CHECK(back->module.stacks.at(0).resources.at(0).properties.at(2).value.text == "#!/bin/bash\n```\necho\n");
}

TEST_CASE("fmt: .infrafmtignore files, found from each directory up to the repository root, and below it") {
  TempDir root;
  const std::string messy = "stack app {\nresource Q: AWS::SQS::Queue { QueueName: \"q\" }\n}\n";
  const fs::path repo = root.path() / "repo";
  fs::create_directories(repo / ".git");
  write_file(root.path() / fmt_ignore::kFileName, "*.infra\n");  // above the repository: not read
  write_file(repo / fmt_ignore::kFileName,
             "# test inputs\nbroken/\n*.skip.infra\n!keep.skip.infra\n/top.infra\ncases/**/deep.infra\n");
  write_file(repo / "cases" / fmt_ignore::kFileName, "local.infra\n");
  for (const char* name : {"top.infra", "a.infra", "keep.skip.infra", "x.skip.infra", "broken/b.infra", "cases/top.infra",
                           "cases/local.infra", "cases/one/two/deep.infra", "cases/one/c.infra", "other/local.infra"}) {
    write_file(repo / name, messy);
  }
  auto listed = [](const fs::path& base, const std::vector<const char*>& names) {
    std::string out;
    for (const char* name : names) out += (base / name).string() + "\n";
    return out;
  };
  CliResult all = run_infrac({"fmt", "--check", repo.string()});
  CHECK(all.status == 3);
  CHECK(all.err.empty());
  CHECK(all.out == listed(repo, {"a.infra", "cases/one/c.infra", "cases/top.infra", "keep.skip.infra", "other/local.infra"}));

  // From a directory below: the ignore files above it still count.
  CliResult below = run_infrac({"fmt", "--check", (repo / "cases").string()});
  CHECK(below.out == listed(repo / "cases", {"one/c.infra", "top.infra"}));

  // A file named on the command line that an ignore file names is left alone (as prettier does), and said so.
  CliResult named = run_infrac({"fmt", (repo / "x.skip.infra").string(), (repo / "broken" / "b.infra").string()});
  CHECK(named.status == 0);
  CHECK(named.err == "infrac: `" + (repo / "x.skip.infra").string() + "` is not formatted: " +
                         (repo / fmt_ignore::kFileName).string() + ":3 ignores it (`*.skip.infra`; --no-ignore formats it)\n" +
                         "infrac: `" + (repo / "broken" / "b.infra").string() + "` is not formatted: " +
                         (repo / fmt_ignore::kFileName).string() + ":2 ignores it (`broken/`; --no-ignore formats it)\n");
  CHECK(read_file(repo / "x.skip.infra") == messy);

  // --no-ignore: every file.
  CliResult everything = run_infrac({"fmt", "--check", "--no-ignore", repo.string()});
  CHECK(everything.status == 3);
  CHECK(std::count(everything.out.begin(), everything.out.end(), '\n') == 10);

  // An ignore file that cannot be read is an I/O problem, not a silent gap.
  fs::remove(repo / "cases" / fmt_ignore::kFileName);
  fs::create_directories(repo / "cases" / fmt_ignore::kFileName);
  CliResult unreadable = run_infrac({"fmt", "--check", repo.string()});
  CHECK(unreadable.status == 2);
  CHECK(unreadable.err.find("cannot read `" + (repo / "cases" / fmt_ignore::kFileName).string() + "`") != std::string::npos);
}
