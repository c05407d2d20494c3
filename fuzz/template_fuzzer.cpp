// libFuzzer target: a CloudFormation template (JSON or YAML, short-form tags) loaded as
// diff and import load it (cfn/load.hpp), then what they do with it:
//   - diff: the template against itself (which must be no change at all), and against a
//     second side, rendered as text, JSON and markdown, with the resource specification;
//   - import: the template and its policy as an infra stack, compiled back and compared
//     (verify_import, without the specification, as `--no-spec`).
// The input is the template; a line `#=== policy` starts its stack policy and a line
// `#=== new` the new side of the diff (without one, the template with every other
// resource left out, so that references dangle and replacements propagate).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "cfn/load.hpp"
#include "cfn/stack_policy.hpp"
#include "diagnostics/render.hpp"
#include "diff/diff.hpp"
#include "diff/render.hpp"
#include "fuzz/parts.hpp"
#include "fuzz/temp_dir.hpp"
#include "import/import.hpp"
#include "import/verify.hpp"
#include "spec/resource_spec.hpp"

namespace {
using infrac::Json;

// Loaded once: a type's record is parsed the first time the diff asks for it, and kept.
const infrac::ResourceSpec& spec() {
  static const infrac::ResourceSpec loaded = [] {
    std::string error;
    std::optional<infrac::ResourceSpec> s = infrac::load_resource_spec(INFRAC_SOURCE_DIR "/stdlib/spec/resource-spec.json", error);
    if (!s) std::abort();
    return std::move(*s);
  }();
  return loaded;
}

// Where verify_import's source would be written: it only names the directory of the scripts.
const std::string& infra_path() {
  static const std::string path = (infrac::fuzz::make_temporary_directory("infrac-fuzz-template") / "imported.infra").string();
  return path;
}

std::optional<Json> load(std::string_view text) {
  infrac::cfn::Loaded loaded = infrac::cfn::load_document(text);
  return std::move(loaded.value);
}

// The template with every other resource left out.
Json half(const Json& template_body) {
  Json result = template_body;
  if (!result.is_object() || !result.contains("Resources") || !result["Resources"].is_object()) return result;
  Json kept = Json::object();
  bool keep = true;
  for (const auto& [id, resource] : result["Resources"].items()) {
    if (keep) kept[id] = resource;
    keep = !keep;
  }
  result["Resources"] = std::move(kept);
  return result;
}

void render(const infrac::diff::Diff& d) {
  (void)infrac::diff::render_text(d);
  (void)infrac::diff::render_json(d);
  (void)infrac::diff::render_markdown(d);
}

void diff(const Json& old_template, const std::optional<Json>& policy, const Json& new_template) {
  infrac::diff::DiffOptions options;
  options.spec = &spec();
  infrac::diff::StackVersion old_side{old_template, policy, {}};
  infrac::diff::Diff same = infrac::diff::diff_stacks({{"s", old_side, old_side}}, options);
  // Diffing a template with itself is no change: anything else is a finding.
  if (!same.empty() || !same.stacks.at(0).findings.empty()) std::abort();
  render(same);
  infrac::diff::StackVersion new_side{new_template, policy, {}};
  render(infrac::diff::diff_stacks({{"s", old_side, new_side}}, options));
}

void import(const Json& template_body, const std::optional<Json>& policy) {
  infrac::importer::Imported imported = infrac::importer::import_template(template_body, policy);
  if (!imported.problems.empty()) return;
  infrac::importer::Verification v = infrac::importer::verify_import(imported, infra_path(), template_body, policy, false);
  (void)infrac::render_text(v.compilation.diagnostics.sorted(), v.compilation.sources, false,
                            infrac::SecretMask::of(v.compilation.diagnostics));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view template_text, policy_text, new_text;
  bool has_policy = false, has_new = false;
  for (const infrac::fuzz::Part& part : infrac::fuzz::split_parts(input, "template", 3)) {
    if (part.name == "template") template_text = part.text;
    if (part.name == "policy") policy_text = part.text, has_policy = true;
    if (part.name == "new") new_text = part.text, has_new = true;
  }
  std::optional<Json> template_body = load(template_text);
  if (!template_body) return 0;
  std::optional<Json> policy;
  if (has_policy) {
    policy = load(policy_text);
    if (!policy) return 0;
    (void)infrac::cfn::parse_stack_policy(*policy);
  }
  std::optional<Json> new_template = has_new ? load(new_text) : half(*template_body);
  // `infrac diff` refuses a template that is not a map of sections before diffing.
  if (new_template && template_body->is_object() && new_template->is_object()) diff(*template_body, policy, *new_template);
  import(*template_body, policy);
  return 0;
}
