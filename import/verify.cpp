#include "import/verify.hpp"

#include <filesystem>
#include <map>
#include <set>

#include "cfn/equality.hpp"
#include "cfn/for_each.hpp"
#include "cfn/stack_policy.hpp"
#include "import/policy.hpp"
#include "import/text.hpp"

namespace infrac::importer {
namespace {

constexpr std::size_t kMaxDifferences = 10;

Json comparable_value(const Json& v);

// A text function as the one form both sides share: its pieces, one Fn::Join.
Json comparable_text(const std::vector<Piece>& pieces) {
  if (pieces.empty()) return "";
  if (pieces.size() == 1) return pieces[0].kind == Piece::Kind::Literal ? Json(pieces[0].text) : comparable_value(pieces[0].value);
  Json items = Json::array();
  for (const auto& p : pieces) items.push_back(p.kind == Piece::Kind::Literal ? Json(p.text) : comparable_value(p.value));
  return Json{{"Fn::Join", Json::array({"", std::move(items)})}};
}

Json comparable_value(const Json& v) {
  if (v.is_array()) {
    Json out = Json::array();
    for (const auto& item : v) out.push_back(comparable_value(item));
    return out;
  }
  if (!v.is_object()) return v;
  if (auto pieces = text_pieces(v)) return comparable_text(*pieces);
  Json out = Json::object();
  for (auto it = v.begin(); it != v.end(); ++it) out[it.key()] = comparable_value(it.value());
  return out;
}

void find_differences(const Json& a, const Json& b, const cfn::JsonPointer& at, std::vector<Difference>& out) {
  if (out.size() >= kMaxDifferences || cfn::equal(a, b)) return;
  if (a.is_object() && b.is_object() && !(a.size() == 1 && a.begin().key().starts_with("Fn::"))) {
    std::set<std::string> keys;
    for (auto it = a.begin(); it != a.end(); ++it) keys.insert(it.key());
    for (auto it = b.begin(); it != b.end(); ++it) keys.insert(it.key());
    for (const auto& k : keys) {
      if (!a.contains(k) || !b.contains(k)) {
        out.push_back({(at / k).to_string(), a.contains(k) ? a[k].dump() : "(none)", b.contains(k) ? b[k].dump() : "(none)"});
      } else {
        find_differences(a[k], b[k], at / k, out);
      }
      if (out.size() >= kMaxDifferences) return;
    }
    return;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) find_differences(a[i], b[i], at / i, out);
    return;
  }
  out.push_back({at.to_string(), a.dump(), b.dump()});
}

// A policy as what its statements say, one line per (effect, action, resource or type):
// CloudFormation's verdicts depend on that set, not on how statements group it.
// A statement with conditions and named resources is the names it covers, by the template's
// types (`types`: logical id -> type); one with several conditions, its one StringEquals list.
std::set<std::string> policy_atoms(const Json& document, const std::map<std::string, std::string>& types) {
  cfn::StackPolicy policy = cfn::parse_stack_policy(document);
  std::set<std::string> atoms;
  for (const auto& s : policy.statements) {
    std::vector<std::string> targets;
    bool everything = s.resources.size() == 1 && (s.resources[0] == "*" || s.resources[0] == "LogicalResourceId/*");
    auto equal = s.conditions.size() > 1 && everything && !s.not_resource ? equal_types(s.conditions) : std::nullopt;
    if (!s.conditions.empty() && !everything && !s.not_resource) {
      for (const auto& r : s.resources) {
        std::string id = r.substr(std::min(r.size(), std::string("LogicalResourceId/").size()));
        auto type = types.find(id);
        if (type != types.end() && s.covers(id, type->second)) targets.push_back(r);
      }
    } else if (equal) {
      for (const auto& t : *equal) targets.push_back("type " + t);
    } else if (!s.conditions.empty()) {
      for (const auto& c : s.conditions) {
        bool negated = c.op == "StringNotEquals" || c.op == "StringNotLike";
        std::vector<std::string> types = c.types;
        std::sort(types.begin(), types.end());
        auto op = [&](const std::string& type) {
          bool wildcard = type.find('*') != std::string::npos;
          return std::string(negated ? "not " : "") + (wildcard ? "like " : "type ") + type;
        };
        if (negated) {
          std::string all;
          for (const auto& t : types) all += op(t) + ";";
          targets.push_back(all);
        } else {
          for (const auto& t : types) targets.push_back(op(t));
        }
      }
    } else if (s.not_resource) {
      std::vector<std::string> resources = s.resources;
      std::sort(resources.begin(), resources.end());
      std::string all = "not ";
      for (const auto& r : resources) all += (r == "*" ? "LogicalResourceId/*" : r) + ";";
      targets.push_back(all);
    } else {
      for (const auto& r : s.resources) targets.push_back(r == "*" ? "LogicalResourceId/*" : r);
    }
    for (const auto& a : s.actions) {
      for (const auto& t : targets) atoms.insert(std::string(s.allow ? "allow " : "deny ") + a + " " + t);
    }
  }
  // No statement denies everything, as one that says so does.
  if (atoms.empty()) atoms.insert("deny Update:* LogicalResourceId/*");
  return atoms;
}

// The resources of the template as deployed (Fn::ForEach expanded): logical id -> type.
std::map<std::string, std::string> resource_types(const Json& template_body) {
  std::map<std::string, std::string> types;
  Json t = cfn::expand_for_each(template_body).template_body;
  if (!t.is_object() || !t.contains("Resources") || !t["Resources"].is_object()) return types;
  for (auto it = t["Resources"].begin(); it != t["Resources"].end(); ++it) {
    if (it->is_object() && it->contains("Type") && (*it)["Type"].is_string()) types[it.key()] = (*it)["Type"].get<std::string>();
  }
  return types;
}

}  // namespace

Json comparable_template(const Json& template_body) {
  // A template with Fn::ForEach as the transform expands it: what CloudFormation deploys.
  Json t = comparable_value(cfn::normalise_template(cfn::expand_for_each(template_body).template_body));
  if (!t.is_object()) return t;
  if (!t.contains("AWSTemplateFormatVersion")) t["AWSTemplateFormatVersion"] = "2010-09-09";
  // An empty section says nothing: `Mappings: {}` is no Mappings (AWS's own samples have them).
  for (const char* section : {"Metadata", "Parameters", "Mappings", "Conditions", "Rules", "Outputs"}) {
    if (auto it = t.find(section); it != t.end() && it->is_object() && it->empty()) t.erase(section);
  }
  if (auto r = t.find("Resources"); r != t.end() && r->is_object()) {
    for (auto& resource : *r) {
      if (resource.is_object() && resource.contains("Properties") && resource["Properties"].is_object() && resource["Properties"].empty()) {
        resource.erase("Properties");
      }
    }
  }
  return t;
}

Verification verify_import(const Imported& imported, const std::string& infra_path, const Json& template_body,
                           const std::optional<Json>& policy, bool use_spec) {
  namespace fs = std::filesystem;
  Verification v;
  const fs::path base = fs::path(infra_path).parent_path();
  CompileOptions options;
  options.use_spec = use_spec;
  options.unsaved = [&imported, infra_path, base](const std::string& path) -> std::optional<std::string> {
    if (fs::path(path).lexically_normal() == fs::path(infra_path).lexically_normal()) return imported.source;
    for (const auto& s : imported.scripts) {
      if (fs::path(path).lexically_normal() == (base / s.path).lexically_normal()) return s.text;
    }
    return std::nullopt;
  };
  v.compilation = compile_files({infra_path}, options);
  if (!v.compiled()) return v;
  const LoweredStack& stack = v.compilation.stacks[0];
  find_differences(comparable_template(template_body), comparable_template(stack.template_body), cfn::JsonPointer(), v.differences);
  if (v.differences.size() < kMaxDifferences) {
    std::map<std::string, std::string> types = resource_types(template_body);
    std::set<std::string> expected = policy ? policy_atoms(*policy, types) : std::set<std::string>{"allow Update:* LogicalResourceId/*"};
    std::set<std::string> actual = policy_atoms(stack.stack_policy, types);
    for (const auto& a : expected) {
      if (!actual.count(a)) v.differences.push_back({"policy", a, "(not said)"});
    }
    for (const auto& a : actual) {
      if (!expected.count(a)) v.differences.push_back({"policy", "(not said)", a});
    }
    // And what CloudFormation decides, resource by resource and action by action.
    cfn::StackPolicy before = policy ? cfn::parse_stack_policy(*policy) : cfn::parse_stack_policy(Json::parse(
        R"({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "Update:*", "Resource": "*"}]})"));
    cfn::StackPolicy after = cfn::parse_stack_policy(stack.stack_policy);
    for (const auto& [id, type] : types) {
      for (cfn::PolicyAction action : {cfn::PolicyAction::Modify, cfn::PolicyAction::Replace, cfn::PolicyAction::Delete}) {
        bool a = before.evaluate(id, type, action).allowed, b = after.evaluate(id, type, action).allowed;
        if (a != b && v.differences.size() < kMaxDifferences) {
          v.differences.push_back({"policy: " + std::string(cfn::to_string(action)) + " of " + id, a ? "allowed" : "denied", b ? "allowed" : "denied"});
        }
      }
    }
  }
  return v;
}

}  // namespace infrac::importer
