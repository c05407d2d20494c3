// Ansible inventories, INI and YAML, from one list of groups.
#include <fmt/format.h>

#include <map>

#include "cfn/json.hpp"
#include "fleet/render.hpp"

namespace infrac::fleet {
namespace {

struct AnsibleGroup {
  std::string name;
  std::vector<const Instance*> hosts;
};

struct AnsibleInventory {
  std::vector<AnsibleGroup> groups;  // stacks (manifest order), then Auto Scaling groups, then zones
  std::vector<std::pair<std::string, std::string>> vars;  // of `all`: stack_OutputKey
};

// The groups an inventory makes, each host listed with its variables in its stack's group only.
AnsibleInventory ansible_inventory(const Inventory& inventory) {
  AnsibleInventory a;
  std::map<std::string, AnsibleGroup> by_group, by_zone;
  for (const auto& s : inventory.stacks) {
    AnsibleGroup g{ansible_name(s.name), {}};
    for (const auto& i : inventory.instances)
      if (i.stack == s.name) g.hosts.push_back(&i);
    a.groups.push_back(std::move(g));
    for (const auto& [k, v] : s.outputs) a.vars.emplace_back(ansible_name(s.name) + "_" + k, v);
  }
  for (const auto& i : inventory.instances) {
    if (!i.group.empty()) {
      std::string name = ansible_name(i.stack) + "_" + ansible_name(i.group_logical_id.empty() ? i.group : i.group_logical_id);
      by_group[name].name = name;
      by_group[name].hosts.push_back(&i);
    }
    if (!i.zone.empty()) {
      std::string name = ansible_name(i.zone);
      by_zone[name].name = name;
      by_zone[name].hosts.push_back(&i);
    }
  }
  for (auto* m : {&by_group, &by_zone})
    for (auto& [name, g] : *m) a.groups.push_back(std::move(g));
  return a;
}

// A JSON string is a valid scalar in Ansible's INI values and in YAML's double-quoted style.
std::string json_quoted(const std::string& s) { return Json(s).dump(); }

}  // namespace

std::string render_ansible_ini(const Inventory& inventory, const RenderOptions& options) {
  AnsibleInventory a = ansible_inventory(inventory);
  std::string out = "# Written by `infrac inventory --format ansible`: do not edit.\n";
  for (size_t n = 0; n < a.groups.size(); ++n) {
    const auto& g = a.groups[n];
    out += fmt::format("\n[{}]\n", g.name);
    for (const Instance* i : g.hosts) {
      std::string address = connect_address(*i, options);
      bool stack_group = n < inventory.stacks.size();
      out += stack_group && !address.empty() ? fmt::format("{} ansible_host={}\n", i->id, address) : i->id + "\n";
    }
  }
  if (!a.vars.empty()) {
    out += "\n[all:vars]\n";
    for (const auto& [k, v] : a.vars) out += fmt::format("{}={}\n", k, json_quoted(v));
  }
  return out;
}

std::string render_ansible_yaml(const Inventory& inventory, const RenderOptions& options) {
  AnsibleInventory a = ansible_inventory(inventory);
  std::string out = "# Written by `infrac inventory --format ansible-yaml`: do not edit.\nall:\n";
  if (!a.vars.empty()) {
    out += "  vars:\n";
    for (const auto& [k, v] : a.vars) out += fmt::format("    {}: {}\n", k, json_quoted(v));
  }
  out += a.groups.empty() ? "  children: {}\n" : "  children:\n";
  for (size_t n = 0; n < a.groups.size(); ++n) {
    const auto& g = a.groups[n];
    if (g.hosts.empty()) {
      out += fmt::format("    {}: {{}}\n", g.name);
      continue;
    }
    out += fmt::format("    {}:\n      hosts:\n", g.name);
    for (const Instance* i : g.hosts) {
      std::string address = connect_address(*i, options);
      bool stack_group = n < inventory.stacks.size();
      out += stack_group && !address.empty() ? fmt::format("        {}:\n          ansible_host: {}\n", i->id, json_quoted(address))
                                             : fmt::format("        {}: {{}}\n", i->id);
    }
  }
  return out;
}

}  // namespace infrac::fleet
