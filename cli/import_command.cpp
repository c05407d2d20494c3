// `infrac import TEMPLATE`: a CloudFormation template (JSON or YAML) and, with --policy,
// its stack policy become one infra stack (import/), printed as `infrac fmt` prints. The
// source is compiled back and must give the same template and policy (import/verify.hpp);
// otherwise nothing is written. -o writes the file (and --scripts' files) atomically,
// else the source goes to standard output.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "aws/cloudformation.hpp"
#include "cli/atomic_write.hpp"
#include "cli/aws_options.hpp"
#include "cli/command.hpp"
#include "cli/document_input.hpp"
#include "cfn/for_each.hpp"
#include "cfn/secret_values.hpp"
#include "diagnostics/render.hpp"
#include "import/import.hpp"
#include "import/verify.hpp"

namespace infrac {
namespace {

namespace fs = std::filesystem;

struct ImportCommandOptions {
  std::string template_path;
  std::string stack;  // --stack: the deployed stack's template and policy instead
  AwsOptions aws;
  std::string policy_path;
  std::string output;
  std::string name;
  std::string scripts;
  bool verify = false;
  bool no_spec = false;
  std::string color = "auto";
};

bool is_stack_name(const std::string& name) {
  if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

// A parameter's default may be a NoEcho secret: a difference there shows no value.
bool secret_place(const std::string& where) { return where.starts_with("/Parameters/") && where.ends_with("/Default"); }

// --stack: GetTemplate (the original body, JSON or YAML) and GetStackPolicy (none: no policy).
int fetch_stack(const ImportCommandOptions& o, const CommandIo& io, bool colour, LoadedDocument& template_document,
                LoadedDocument& policy_document, std::optional<Json>& policy) {
  std::unique_ptr<aws::AwsClient> client = make_aws_client(o.aws, io.err);
  if (!client) return kExitUsageOrIo;
  auto body = aws::cfn::get_template(*client, o.stack);
  if (!body) {
    io.err << fmt::format("infrac: error: GetTemplate of stack `{}`: {}\n", o.stack, body.error().describe());
    return kExitAwsFailed;
  }
  std::string display = "stack `" + o.stack + "` (template)";
  template_document = load_document_text(*body, display, io.err, colour, cfn::KeepPositions::Yes);
  if (!template_document.value) return template_document.status;
  auto policy_body = aws::cfn::get_stack_policy(*client, o.stack);
  if (!policy_body) {
    io.err << fmt::format("infrac: error: GetStackPolicy of stack `{}`: {}\n", o.stack, policy_body.error().describe());
    return kExitAwsFailed;
  }
  if (!policy_body->empty()) {
    policy_document = load_document_text(*policy_body, "stack `" + o.stack + "` (policy)", io.err, colour, cfn::KeepPositions::Yes);
    if (!policy_document.value) return policy_document.status;
    policy = policy_document.value;
  }
  return kExitOk;
}

// What infra cannot say, at its line and column in the template or the policy (the JSON
// pointer as a note), with the template's NoEcho defaults masked in the quoted lines.
void report_problems(const std::vector<importer::ImportProblem>& problems, const LoadedDocument& template_document,
                     const std::string& template_display, const LoadedDocument& policy_document,
                     const std::string& policy_display, std::ostream& err, bool colour) {
  SourceManager sources;
  FileId template_file = sources.add(template_display, template_document.text);
  FileId policy_file = sources.add(policy_display, policy_document.text);
  Diagnostics diagnostics;
  for (const auto& p : problems) {
    bool in_policy = p.document == importer::ImportProblem::Document::Policy;
    const LoadedDocument& document = in_policy ? policy_document : template_document;
    auto offset = static_cast<std::uint32_t>(std::min(document.positions.offset_of(p.at), document.text.size()));
    Diagnostic& d = diagnostics.error(Span{in_policy ? policy_file : template_file, offset, offset}, p.message);
    d.notes.push_back({std::nullopt, "at " + (p.at.empty() ? std::string("/") : p.at.to_string())});
  }
  err << render_text(diagnostics.sorted(), sources, colour, SecretMask({}, cfn::no_echo_defaults(*template_document.value)));
  err << fmt::format("{} error{} generated; nothing was written.\n", problems.size(), problems.size() == 1 ? "" : "s");
}

int run_import(const ImportCommandOptions& o, const CommandIo& io) {
  bool colour = use_colour(o.color, io.env);
  if (!o.name.empty() && !is_stack_name(o.name)) {
    io.err << fmt::format("infrac: error: `{}` is not a stack name: a letter, then letters, digits and `-`\n", o.name);
    return kExitUsageOrIo;
  }
  if (!o.scripts.empty() && o.output.empty()) {
    io.err << "infrac: error: --scripts needs -o: script files are named relative to the .infra file\n";
    return kExitUsageOrIo;
  }
  if (!o.scripts.empty() && (fs::path(o.scripts).is_absolute() || o.scripts.find("..") != std::string::npos)) {
    io.err << fmt::format("infrac: error: --scripts `{}`: a directory below the .infra file's, as file() reads only there\n", o.scripts);
    return kExitUsageOrIo;
  }
  if (o.template_path.empty() == o.stack.empty()) {
    io.err << "infrac: error: name a TEMPLATE file or a deployed stack with --stack NAME, one of them\n";
    return kExitUsageOrIo;
  }
  if (!o.stack.empty() && !o.policy_path.empty()) {
    io.err << "infrac: error: --policy goes with a TEMPLATE file: --stack reads the deployed stack's own policy\n";
    return kExitUsageOrIo;
  }
  LoadedDocument template_document;
  LoadedDocument policy_document;
  std::optional<Json> policy;
  std::string display = o.template_path;
  if (!o.stack.empty()) {
    display = "stack `" + o.stack + "`";
    int status = fetch_stack(o, io, colour, template_document, policy_document, policy);
    if (status != kExitOk) return status;
  } else {
    template_document = load_document_file(o.template_path, o.template_path, io.err, colour, cfn::KeepPositions::Yes);
    if (!template_document.value) return template_document.status;
    if (!o.policy_path.empty()) {
      policy_document = load_document_file(o.policy_path, o.policy_path, io.err, colour, cfn::KeepPositions::Yes);
      if (!policy_document.value) return policy_document.status;
      policy = policy_document.value;
    }
  }

  importer::ImportOptions options;
  options.stack_name = !o.name.empty() ? o.name : template_stack_name(o.stack.empty() ? o.template_path : o.stack);
  options.scripts_dir = o.scripts;
  importer::Imported imported = importer::import_template(*template_document.value, policy, options);
  if (!imported.problems.empty()) {
    std::string template_display = o.stack.empty() ? o.template_path : "stack `" + o.stack + "` (template)";
    std::string policy_display = o.stack.empty() ? o.policy_path : "stack `" + o.stack + "` (policy)";
    report_problems(imported.problems, template_document, template_display, policy_document, policy_display, io.err, colour);
    return kExitInputErrors;
  }

  // Compiled where it will live, so that file() finds the scripts beside it.
  std::string infra_path = o.output.empty() ? options.stack_name + ".infra" : o.output;
  importer::Verification v = importer::verify_import(imported, infra_path, *template_document.value, policy, !o.no_spec);
  std::vector<Diagnostic> sorted = v.compilation.diagnostics.sorted();
  io.err << render_text(sorted, v.compilation.sources, colour, SecretMask::of(v.compilation.diagnostics));
  if (!v.compiled()) {
    io.err << fmt::format("infrac: error: the imported stack does not compile ({}); nothing was written\n", summary_line(sorted));
    return kExitInputErrors;
  }
  if (!v.differences.empty()) {
    io.err << "infrac: error: the imported stack compiles to a different template; nothing was written\n";
    for (const auto& d : v.differences) {
      if (secret_place(d.where)) {
        io.err << fmt::format("  at {}: the values differ (not shown: it may be a NoEcho default)\n", d.where);
      } else {
        io.err << fmt::format("  at {}:\n    template: {}\n    compiled: {}\n", d.where, d.expected, d.actual);
      }
    }
    return kExitInputErrors;
  }
  if (o.verify) {
    // Counted as deployed: Fn::ForEach loops expanded as the transform does.
    const Json t = cfn::expand_for_each(*template_document.value).template_body;
    auto count = [&t](const char* section, const char* noun) {
      std::size_t n = t.contains(section) && t[section].is_object() ? t[section].size() : 0;
      return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
    };
    io.err << fmt::format("infrac: verified: `{}` compiles back to the same template ({}, {}, {}) and {}\n", display,
                          count("Parameters", "parameter"), count("Resources", "resource"), count("Outputs", "output"),
                          policy ? "the same stack policy" : "a policy allowing every update, as no policy does");
  }
  if (o.output.empty()) {
    io.out << imported.source;
    return kExitOk;
  }
  std::vector<OutputFile> files{{o.output, imported.source}};
  for (const auto& s : imported.scripts) {
    fs::path path = fs::path(o.output).parent_path() / s.path;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);  // a failure shows as the write's
    files.push_back({path.string(), s.text});
  }
  if (std::string problem = write_all_or_nothing(files); !problem.empty()) {
    io.err << "infrac: error: " << problem << "\n";
    return kExitUsageOrIo;
  }
  return kExitOk;
}

}  // namespace

Command add_import_command(CLI::App& app) {
  auto o = std::make_shared<ImportCommandOptions>();
  CLI::App* sub = app.add_subcommand("import", "Turn a CloudFormation template (JSON or YAML) and its stack policy into infra source");
  sub->add_option("template", o->template_path, "the CloudFormation template, JSON or YAML")->type_name("TEMPLATE");
  sub->add_option("--stack", o->stack, "a deployed stack instead: its template and stack policy, read from CloudFormation")
      ->type_name("NAME");
  sub->add_option("--policy", o->policy_path, "the stack's policy (JSON); without it the stack allows every update, written as `allow * \"*\"`")
      ->type_name("POLICY");
  sub->add_option("-o,--output", o->output, "write the .infra file here (default: standard output)")->type_name("FILE.infra");
  sub->add_option("--name", o->name, "the stack's name (default: from the template's file name)")->type_name("NAME");
  sub->add_option("--scripts", o->scripts,
                  "write scripts (user data, inline code) as files in this directory, relative to the .infra file, read with file()")
      ->type_name("DIR");
  sub->add_flag("--verify", o->verify, "say what the round trip proved (it always runs: nothing is written unless the source compiles back to the same template)");
  sub->add_flag("--no-spec", o->no_spec, "compile back without the checks against the CloudFormation resource specification");
  sub->add_option("--color", o->color, "colour diagnostics: auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
  add_aws_options(*sub, o->aws);
  return {sub, [o](const CommandIo& io) { return run_import(*o, io); }};
}

}  // namespace infrac
