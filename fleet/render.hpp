#pragma once
// The inventory rendered for people and tools; every renderer is a function of
// the Inventory alone (and its options), so the same model gives every format.
#include <string>
#include <string_view>

#include "cfn/json.hpp"
#include "fleet/model.hpp"

namespace infrac::fleet {

enum class AddressChoice {
  Auto,     // the public address when there is one and no jump host, else the private one
  Private,
  Public,
};

struct RenderOptions {
  AddressChoice address = AddressChoice::Auto;
  std::string ssh_user;          // ssh-config: User
  std::string jump_host;         // ssh-config: ProxyJump; Auto then picks private addresses
  std::string known_hosts_file;  // ssh-config: UserKnownHostsFile
};

// The address ssh and Ansible connect to; "" when the instance has none of the kind chosen.
std::string connect_address(const Instance& instance, const RenderOptions& options);

// One row per instance; the human default.
std::string render_table(const Inventory& inventory);

// The inventory as one JSON document (`format` 1); also the data `--template` sees.
Json inventory_json(const Inventory& inventory, const RenderOptions& options);
std::string render_json(const Inventory& inventory, const RenderOptions& options);

// Ansible inventories: a group per stack (its name with `-` made `_`), per Auto
// Scaling group (stack_LogicalId) and per zone; every stack's outputs as variables
// of `all`, named stack_OutputKey.
std::string render_ansible_ini(const Inventory& inventory, const RenderOptions& options);
std::string render_ansible_yaml(const Inventory& inventory, const RenderOptions& options);

// A Host per instance (its id), connecting to connect_address, with the key
// looked up by instance id (HostKeyAlias) and strict host key checking.
std::string render_ssh_config(const Inventory& inventory, const RenderOptions& options);

// known_hosts lines for the verified keys only: `id,addresses,names TYPE KEY infrac:AWS-STACK/ID`.
std::string render_known_hosts(const Inventory& inventory);

// An existing known_hosts file with infrac's lines for the inventory's stacks
// replaced by the current ones: gone instances pruned, other lines kept as they are.
std::string merge_known_hosts(std::string_view existing, const Inventory& inventory);

// `--template FILE`: a Mustache template (kainjow/mustache) over inventory_json.
struct TemplateResult {
  std::string text;
  std::string error;  // non-empty: the template is invalid
};
TemplateResult render_template(const std::string& template_text, const Inventory& inventory, const RenderOptions& options);

}  // namespace infrac::fleet
