// `infrac diff OLD NEW` and `infrac diff --rev REV SOURCE`: load or build both
// sides into template models, compute the change model (diff/diff.hpp), render it.
// Each side is an infra source or project directory (built, every stack), or a
// CloudFormation template in JSON or YAML (one stack, named after the file).
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>

#include "cfn/load.hpp"
#include "cli/command.hpp"
#include "cli/document_input.hpp"
#include "cli/resource_spec_loading.hpp"
#include "diagnostics/render.hpp"
#include "diff/diff.hpp"
#include "diff/render.hpp"
#include "driver/driver.hpp"

namespace infrac {
namespace {

namespace fs = std::filesystem;

struct DiffCommandOptions {
  std::vector<std::string> sources;
  std::string rev;
  std::string old_policy;
  std::string new_policy;
  std::vector<std::string> params;
  std::vector<std::string> stacks;  // --stack: only these (all when empty)
  std::string format = "text";
  std::string color = "auto";
  bool exit_code = false;
  std::vector<std::string> fail_on;
};

// A failure that ends the command with `status`; what went wrong is already printed.
struct Failed {
  int status;
};

// How a side's paths are shown. `--rev`'s side is read from a temporary copy of the
// repository, shown as git names it: `REV:path/in/repo`.
struct PathDisplay {
  std::vector<std::string> copies;  // the copy's root as written and as resolved, each ending in '/'
  std::string shown;                // "REV:"

  std::string operator()(std::string text) const {
    for (const auto& from : copies) {
      for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + shown.size())) {
        text.replace(at, from.size(), shown);
      }
    }
    return text;
  }
};

bool is_template_file(const std::string& path) {
  if (fs::is_directory(path)) return false;
  return fs::path(path).extension() != ".infra";
}

// Loads a JSON or YAML document; problems are printed clang-style with the source line.
Json load_or_fail(const std::string& path, const std::string& display, const CommandIo& io, bool colour) {
  LoadedDocument document = load_document_file(path, display, io.err, colour);
  if (!document.value) throw Failed{document.status};
  return std::move(*document.value);
}

// A template with where each value is written: "old.yaml:12" for a change's place, as an
// infra side cites its source.
Json load_template_or_fail(const std::string& path, const std::string& display, const CommandIo& io, bool colour,
                           std::function<std::string(const cfn::JsonPointer&)>& source_of) {
  LoadedDocument document = load_document_file(path, display, io.err, colour, cfn::KeepPositions::Yes);
  if (!document.value) throw Failed{document.status};
  auto lines = std::make_shared<SourceFile>(display, std::move(document.text));
  auto positions = std::make_shared<cfn::Positions>(std::move(document.positions));
  source_of = [lines, positions](const cfn::JsonPointer& at) -> std::string {
    auto offset = static_cast<std::uint32_t>(positions->offset_of(at));
    return lines->path() + ":" + std::to_string(lines->line_column(offset).line);
  };
  return std::move(*document.value);
}

struct Side {
  std::vector<std::pair<std::string, diff::StackVersion>> stacks;  // in source order
  bool from_template = false;
  std::vector<std::string> secret_values;  // an infra source's, as the compiler marked them
};

Side build_side(const std::string& path, const std::string& display, const std::string& policy_path, const CommandIo& io,
                bool colour, const PathDisplay& shown = {}) {
  Side side;
  if (!fs::exists(path)) {
    io.err << fmt::format("infrac: error: cannot read `{}`: no such file or directory\n", display);
    throw Failed{kExitUsageOrIo};
  }
  if (is_template_file(path)) {
    side.from_template = true;
    diff::StackVersion version;
    version.template_body = load_template_or_fail(path, display, io, colour, version.source_of);
    if (!version.template_body.is_object()) {
      io.err << fmt::format("{}:1:1: error: a CloudFormation template is a map of sections\n", display);
      throw Failed{kExitInputErrors};
    }
    if (!policy_path.empty()) version.policy = load_or_fail(policy_path, policy_path, io, colour);
    side.stacks.emplace_back(template_stack_name(path), std::move(version));
    return side;
  }
  if (!policy_path.empty()) {
    io.err << fmt::format("infrac: error: `{}` is infra source: its stacks carry their own policies, so "
                          "--old-policy and --new-policy apply only to templates\n", display);
    throw Failed{kExitUsageOrIo};
  }
  // Shared by the stacks' source lookups, which outlive this function.
  auto c = std::make_shared<Compilation>(compile_files({path}));
  std::vector<Diagnostic> sorted = c->diagnostics.sorted();
  if (c->diagnostics.has_errors() || c->input_error) {
    io.err << shown(render_text(sorted, c->sources, colour, SecretMask::of(c->diagnostics)));
    if (std::string summary = summary_line(sorted); !summary.empty()) io.err << summary << " generated.\n";
    throw Failed{c->input_error ? kExitUsageOrIo : kExitInputErrors};
  }
  side.secret_values = c->diagnostics.secret_values();
  for (auto& stack : c->stacks) {
    // "file:line" of the source a template value was lowered from (the compiler's source map).
    auto map = std::make_shared<SourceMap>(std::move(stack.template_sources));
    auto source_of = [c, map, shown](const cfn::JsonPointer& at) -> std::string {
      std::optional<Span> span = map->find(at);
      if (!span) return "";
      const SourceFile& file = c->sources.file(span->file);
      return shown(file.path()) + ":" + std::to_string(file.line_column(span->begin).line);
    };
    side.stacks.emplace_back(stack.name,
                             diff::StackVersion{std::move(stack.template_body), std::move(stack.stack_policy), source_of});
  }
  return side;
}

// Stacks paired by name; a single stack on each side pairs whatever the names (a template against a source).
std::vector<diff::StackPair> pair_stacks(Side old_side, Side new_side) {
  std::vector<diff::StackPair> pairs;
  if (old_side.stacks.size() == 1 && new_side.stacks.size() == 1 && (old_side.from_template || new_side.from_template)) {
    // An infra side's stack name wins over a template's file name.
    std::string name = !old_side.from_template ? old_side.stacks[0].first : new_side.stacks[0].first;
    pairs.push_back({name, std::move(old_side.stacks[0].second), std::move(new_side.stacks[0].second)});
    return pairs;
  }
  std::map<std::string, diff::StackVersion*> old_by_name;
  for (auto& [name, version] : old_side.stacks) old_by_name[name] = &version;
  std::map<std::string, bool> seen;
  for (auto& [name, version] : new_side.stacks) {
    diff::StackPair p{name, std::nullopt, std::move(version)};
    if (auto it = old_by_name.find(name); it != old_by_name.end()) p.old_version = std::move(*it->second);
    seen[name] = true;
    pairs.push_back(std::move(p));
  }
  for (auto& [name, version] : old_side.stacks) {
    if (!seen.count(name)) pairs.push_back({name, std::move(version), std::nullopt});
  }
  return pairs;
}

// `--stack NAME...`: the pairs of the named stacks, in the diff's order; a name that no
// side has is a usage error (exit 2), with the nearest name.
std::vector<diff::StackPair> select_stacks(std::vector<diff::StackPair> pairs, const std::vector<std::string>& names,
                                           const CommandIo& io) {
  if (names.empty()) return pairs;
  std::vector<std::string> known;
  for (const auto& p : pairs) known.push_back(p.name);
  bool unknown = false;
  for (const auto& name : names) {
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    io.err << fmt::format("infrac: error: --stack `{}`: neither side has a stack of that name", name);
    if (auto near = closest_name(name, known)) io.err << fmt::format("; did you mean `{}`?", *near);
    io.err << "\n";
    unknown = true;
  }
  if (unknown) throw Failed{kExitUsageOrIo};
  std::vector<diff::StackPair> selected;
  for (auto& p : pairs) {
    if (std::find(names.begin(), names.end(), p.name) != names.end()) selected.push_back(std::move(p));
  }
  return selected;
}

// Runs a program (no shell) and waits; its own messages go to the terminal's stderr.
int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  if (::waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A temporary directory removed when this goes out of scope.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "infrac-diff-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// `--rev REV`: the repository holding `source` at REV, extracted with `git archive`, and
// the path of `source` inside that copy; `shown` is set to name the copy's files `REV:path`.
std::string checkout_revision(const std::string& rev, const std::string& source, TempDir& temp, const CommandIo& io,
                              PathDisplay& shown) {
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(source), ec);
  fs::path dir = fs::is_directory(absolute) ? absolute : absolute.parent_path();
  fs::path top = dir;
  while (!fs::exists(top / ".git") && top.has_parent_path() && top != top.parent_path()) top = top.parent_path();
  if (!fs::exists(top / ".git")) {
    io.err << fmt::format("infrac: error: --rev needs `{}` inside a git repository\n", source);
    throw Failed{kExitUsageOrIo};
  }
  if (temp.path.empty()) {
    io.err << "infrac: error: cannot create a temporary directory for --rev\n";
    throw Failed{kExitUsageOrIo};
  }
  std::string archive = (temp.path / "rev.tar").string();
  fs::path tree = temp.path / "tree";
  fs::create_directories(tree, ec);
  if (run_program({"git", "-C", top.string(), "archive", "--format=tar", "-o", archive, rev, "--"}) != 0 ||
      run_program({"tar", "-xf", archive, "-C", tree.string()}) != 0) {
    io.err << fmt::format("infrac: error: cannot take `{}` at revision `{}` (git archive failed)\n", source, rev);
    throw Failed{kExitUsageOrIo};
  }
  for (const fs::path& root : {tree, fs::weakly_canonical(tree, ec)}) {
    if (!root.empty()) shown.copies.push_back((root / "").string());
  }
  shown.shown = rev + ":";
  fs::path inside = tree / fs::relative(absolute, top);
  if (!fs::exists(inside)) {
    io.err << fmt::format("infrac: error: `{}` does not exist at revision `{}`\n", source, rev);
    throw Failed{kExitUsageOrIo};
  }
  return inside.string();
}

int run_diff(const DiffCommandOptions& o, const CommandIo& io) {
  bool colour_err = use_colour(o.color, io.env);
  try {
    std::string old_path, new_path, old_display, new_display;
    TempDir temp;
    PathDisplay old_shown;
    if (!o.rev.empty()) {
      if (o.sources.size() != 1) {
        io.err << "infrac: error: --rev REV takes one source (its version at REV is the old side)\n";
        return kExitUsageOrIo;
      }
      new_path = new_display = o.sources[0];
      old_path = checkout_revision(o.rev, o.sources[0], temp, io, old_shown);
      old_display = o.rev + ":" + o.sources[0];
    } else {
      if (o.sources.size() != 2) {
        io.err << "infrac: error: diff takes two sources, OLD and NEW (or --rev REV and one source)\n";
        return kExitUsageOrIo;
      }
      old_path = old_display = o.sources[0];
      new_path = new_display = o.sources[1];
    }
    Side old_side = build_side(old_path, old_display, o.old_policy, io, colour_err, old_shown);
    Side new_side = build_side(new_path, new_display, o.new_policy, io, colour_err);

    diff::DiffOptions options;
    for (const Side* side : {&old_side, &new_side}) {
      options.secret_values.insert(options.secret_values.end(), side->secret_values.begin(), side->secret_values.end());
    }
    std::unique_ptr<ResourceSpec> spec = load_resource_spec_or_warn(io);
    options.spec = spec.get();
    for (const auto& p : o.params) {
      std::size_t eq = p.find('=');
      if (eq == std::string::npos || eq == 0) {
        io.err << fmt::format("infrac: error: --param takes NAME=VALUE, not `{}`\n", p.substr(0, p.find('=')));
        return kExitUsageOrIo;
      }
      std::string name = p.substr(0, eq);
      bool declared = false;
      std::vector<std::string> candidates;
      for (const auto& [stack, version] : new_side.stacks) {
        if (auto it = version.template_body.find("Parameters"); it != version.template_body.end() && it->is_object()) {
          declared |= it->contains(name);
          for (auto param = it->begin(); param != it->end(); ++param) candidates.push_back(param.key());
        }
      }
      if (!declared) {
        io.err << fmt::format("infrac: error: --param `{}`: no stack of the new side declares that parameter", name);
        if (auto near = closest_name(name, candidates)) io.err << fmt::format("; did you mean `{}`?", *near);
        io.err << "\n";
        return kExitUsageOrIo;
      }
      options.parameters.push_back({name, p.substr(eq + 1)});
    }

    std::vector<diff::StackPair> pairs = select_stacks(pair_stacks(std::move(old_side), std::move(new_side)), o.stacks, io);
    diff::Diff result = diff::diff_stacks(pairs, options);
    if (o.format == "json") {
      io.out << diff::render_json(result);
    } else if (o.format == "markdown") {
      io.out << diff::render_markdown(result);
    } else {
      diff::TextStyle style;
      style.colour = o.color == "always" || (o.color == "auto" && io.env.stdout_is_terminal && !io.env.no_color);
      io.out << diff::render_text(result, style);
    }

    bool refused = false;
    for (const auto& gate : o.fail_on) {
      for (const auto& s : result.stacks) {
        diff::StackDiff::Counts c = s.counts();
        bool hit = (gate == "replace" && (c.replace || c.may_replace)) || (gate == "deny" && c.denied) ||
                   (gate == "security" && c.security);
        if (hit) {
          io.err << fmt::format("infrac: error: --fail-on {}: stack `{}` has {}\n", gate, s.name,
                                gate == "replace" ? "resources to replace" : gate == "deny" ? "changes the stack policy denies"
                                                                                            : "security-relevant changes");
          refused = true;
        }
      }
    }
    if (refused) return kExitRefused;
    if (o.exit_code && !result.empty()) return kExitChanges;
    return kExitOk;
  } catch (const Failed& f) {
    return f.status;
  }
}

}  // namespace

Command add_diff_command(CLI::App& app) {
  auto o = std::make_shared<DiffCommandOptions>();
  CLI::App* diff = app.add_subcommand(
      "diff",
      "Show what a change does to each stack: resources replaced, modified, added, removed, with the properties that force "
      "it, the stack policy's verdict, and security-relevant changes first");
  diff->add_option("sources", o->sources,
                   "OLD and NEW: each an .infra file, a project directory, or a CloudFormation template (JSON or YAML); "
                   "with --rev, one source")
      ->required()
      ->type_name("OLD NEW");
  diff->add_option("--rev", o->rev, "compare SOURCE as it is at this git revision (git archive) with the working tree")
      ->type_name("REV");
  diff->add_option("--old-policy", o->old_policy, "the stack policy (JSON or YAML) of an OLD template")->type_name("FILE");
  diff->add_option("--new-policy", o->new_policy, "the stack policy of a NEW template, the one in force during the update")
      ->type_name("FILE");
  diff->add_option("--param", o->params, "a deploy-time parameter value that changes: what it reaches is updated")
      ->type_name("NAME=VALUE");
  diff->add_option("--stack", o->stacks, "only this stack of a project (or a template's file name); repeat for more")
      ->type_name("NAME");
  diff->add_option("--format", o->format, "text (default), json (docs/diff-format.md) or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  diff->add_option("--color", o->color, "colour: auto (default: on a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  diff->add_flag("--exit-code", o->exit_code, "exit 3 when there are changes, 0 when there are none");
  diff->add_option("--fail-on", o->fail_on, "exit 4 when a stack has a change of this kind: replace, deny, security")
      ->check(CLI::IsMember({"replace", "deny", "security"}))
      ->type_name("KIND");
  return {diff, [o](const CommandIo& io) { return run_diff(*o, io); }};
}

}  // namespace infrac
