// SSH: a config with a Host per instance, and known_hosts lines for the verified keys.
#include <fmt/format.h>

#include <set>

#include "fleet/render.hpp"

namespace infrac::fleet {
namespace {

// What marks a known_hosts line as infrac's, for the instance's stack: `infrac:AWS-STACK/ID`.
std::string marker(const Instance& i) { return fmt::format("infrac:{}/{}", i.aws_stack, i.id); }

// The AWS stack a line of ours belongs to, from its last field; "" for any other line.
std::string marked_stack(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  size_t space = line.rfind(' ');
  if (space == std::string_view::npos || line.front() == '#') return "";
  std::string_view last = line.substr(space + 1);
  if (!last.starts_with("infrac:")) return "";
  last.remove_prefix(7);
  size_t slash = last.find('/');
  return slash == std::string_view::npos ? "" : std::string(last.substr(0, slash));
}

}  // namespace

std::string render_ssh_config(const Inventory& inventory, const RenderOptions& options) {
  std::string out = "# Written by `infrac inventory --format ssh-config`: do not edit; Include it from ~/.ssh/config.\n";
  for (const auto& i : inventory.instances) {
    std::string address = connect_address(i, options);
    out += fmt::format("\n# {} of stack {}{}\n", i.id, i.stack, i.group.empty() ? "" : ", group " + i.group);
    if (i.key_status != KeyStatus::Verified)
      out += fmt::format("# host key not verified: {}\n", i.key_problem);
    if (address.empty()) {
      out += "# no address to connect to\n";
      continue;
    }
    out += fmt::format("Host {}\n  HostName {}\n  HostKeyAlias {}\n  StrictHostKeyChecking yes\n", i.id, address, i.id);
    if (!options.known_hosts_file.empty()) out += fmt::format("  UserKnownHostsFile {}\n", options.known_hosts_file);
    if (!options.ssh_user.empty()) out += fmt::format("  User {}\n", options.ssh_user);
    if (!options.jump_host.empty()) out += fmt::format("  ProxyJump {}\n", options.jump_host);
  }
  return out;
}

std::string render_known_hosts(const Inventory& inventory) {
  std::string out;
  for (const auto& i : inventory.instances) {
    if (i.key_status != KeyStatus::Verified) continue;
    std::string hosts = i.id;
    for (const auto* name : {&i.private_ip, &i.public_ip, &i.private_dns, &i.public_dns})
      if (!name->empty()) hosts += "," + *name;
    for (const auto& k : i.host_keys) out += fmt::format("{} {} {} {}\n", hosts, k.type, k.key, marker(i));
  }
  return out;
}

std::string merge_known_hosts(std::string_view existing, const Inventory& inventory) {
  std::set<std::string> ours;
  for (const auto& s : inventory.stacks) ours.insert(s.aws_name);
  std::string out;
  for (size_t start = 0; start < existing.size();) {
    size_t end = existing.find('\n', start);
    if (end == std::string_view::npos) end = existing.size();
    std::string_view line = existing.substr(start, end - start);
    start = end + 1;
    if (!ours.count(marked_stack(line))) out += std::string(line) + "\n";
  }
  return out + render_known_hosts(inventory);
}

}  // namespace infrac::fleet
