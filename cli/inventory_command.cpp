// `infrac inventory`: a project's instances, found through the AWS API by the tags
// CloudFormation and Auto Scaling put on them, as a table, JSON, an Ansible
// inventory, an SSH config, verified known_hosts lines or a Mustache template
// (docs/fleet.md). Read-only.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

#include "cli/atomic_write.hpp"
#include "cli/fleet_flow.hpp"
#include "fleet/fleet.hpp"
#include "io/safe_read.hpp"

namespace infrac {
namespace {

struct InventoryFlags {
  FleetFlags fleet;
  std::string format = "table";
  std::string template_file;
  std::string output;
  std::string address = "auto";
  std::string ssh_user, jump_host, known_hosts;
};

// A template or known_hosts file through the one safe reader: a regular file of at most 1 MiB,
// not under /proc, /sys or /dev. nullopt: why is said on stderr.
std::optional<std::string> read_text(const std::string& path, const CommandIo& io) {
  io::InputFile file;
  if (io::ReadProblem problem = io::read_input_file(path, 1u << 20, file)) {
    io.err << "infrac: error: cannot read `" << path << "`: " << problem.reason << "\n";
    return std::nullopt;
  }
  return std::move(file.text);
}

// The chosen rendering; nullopt when the template is unreadable or invalid (said on stderr).
std::optional<std::string> render(const InventoryFlags& f, const fleet::Inventory& inv, const fleet::RenderOptions& r,
                                  const CommandIo& io) {
  if (!f.template_file.empty()) {
    auto text = read_text(f.template_file, io);
    if (!text) return std::nullopt;
    auto result = fleet::render_template(*text, inv, r);
    if (!result.error.empty()) {
      io.err << "infrac: error: " << f.template_file << ": " << result.error << "\n";
      return std::nullopt;
    }
    return result.text;
  }
  if (f.format == "json") return fleet::render_json(inv, r);
  if (f.format == "ansible") return fleet::render_ansible_ini(inv, r);
  if (f.format == "ansible-yaml") return fleet::render_ansible_yaml(inv, r);
  if (f.format == "ssh-config") return fleet::render_ssh_config(inv, r);
  if (f.format == "known-hosts") return fleet::render_known_hosts(inv);
  return fleet::render_table(inv);
}

int run_inventory(const InventoryFlags& f, const CommandIo& io) {
  int status = 0;
  auto loaded = load_fleet(f.fleet, true, io, status);
  if (!loaded) return status;
  for (const auto& name : loaded->fetched.missing_stacks)
    io.err << "infrac: warning: stack " << name << " does not exist in AWS; it has no instances\n";
  fleet::Inventory inv = fleet::make_inventory(loaded->fetched.answers, loaded->now);
  fleet::RenderOptions r;
  r.address = f.address == "private" ? fleet::AddressChoice::Private
              : f.address == "public" ? fleet::AddressChoice::Public
                                      : fleet::AddressChoice::Auto;
  r.ssh_user = f.ssh_user;
  r.jump_host = f.jump_host;
  r.known_hosts_file = f.known_hosts;
  auto text = render(f, inv, r, io);
  if (!text) return kExitUsageOrIo;

  std::vector<OutputFile> files;
  if (!f.output.empty()) files.push_back({f.output, *text});
  if (!f.known_hosts.empty()) {
    std::error_code ec;
    std::string existing;
    if (std::filesystem::exists(f.known_hosts, ec)) {
      auto read = read_text(f.known_hosts, io);
      if (!read) return kExitUsageOrIo;
      existing = *read;
    }
    files.push_back({f.known_hosts, fleet::merge_known_hosts(existing, inv)});
  }
  if (std::string problem = write_all_or_nothing(files); !problem.empty()) {
    io.err << "infrac: error: " << problem << "\n";
    return kExitUsageOrIo;
  }
  if (f.output.empty()) io.out << *text;

  bool refused = false;
  for (const auto& i : inv.instances) {
    if (i.key_status == fleet::KeyStatus::Refused) {
      refused = true;
      io.err << fmt::format("infrac: error: {}: host key block refused, no key written: {}\n", i.id, i.key_problem);
    } else if (i.key_status == fleet::KeyStatus::Unverified) {
      io.err << fmt::format("infrac: note: {}: host keys not verified ({}); no key written, run again later\n", i.id, i.key_problem);
    }
  }
  return refused ? kExitRefused : kExitOk;
}

}  // namespace

Command add_inventory_command(CLI::App& app) {
  auto f = std::make_shared<InventoryFlags>();
  CLI::App* c = app.add_subcommand("inventory", "List the project's instances from AWS: table, JSON, Ansible, SSH config, known_hosts");
  add_fleet_flags(*c, f->fleet);
  c->add_option("--format", f->format, "table (default), json, ansible, ansible-yaml, ssh-config, known-hosts")
      ->check(CLI::IsMember({"table", "json", "ansible", "ansible-yaml", "ssh-config", "known-hosts"}));
  c->add_option("--template", f->template_file, "render this Mustache template over the JSON document instead")
      ->type_name("FILE");
  c->add_option("-o,--output", f->output, "write the output to FILE (atomically) instead of stdout")->type_name("FILE");
  c->add_option("--address", f->address, "which address to connect to: auto (default: public unless --jump-host), private, public")
      ->check(CLI::IsMember({"auto", "private", "public"}));
  c->add_option("--ssh-user", f->ssh_user, "ssh-config: the User of every host");
  c->add_option("--jump-host", f->jump_host, "ssh-config: the ProxyJump of every host")->type_name("HOST");
  c->add_option("--known-hosts", f->known_hosts,
                "update FILE with the verified host keys (infrac's lines of gone instances pruned, other lines kept); "
                "ssh-config: its UserKnownHostsFile")
      ->type_name("FILE");
  c->footer(
      "Only keys read from the instances' console output (cloud-init's SSH HOST KEY KEYS block) are written;\n"
      "instances without one yet are listed as unverified. Read-only: DescribeStacks, DescribeStackResources,\n"
      "DescribeAutoScalingGroups, DescribeInstances, GetConsoleOutput (docs/fleet.md).\n"
      "Exit status: 0 listed, 1 the sources have errors, 2 usage or I/O, 4 a host key block was refused, 5 AWS failed.\n"
      "Examples:\n"
      "  infrac inventory out/rebuild\n"
      "  infrac inventory out/rebuild --format ansible -o inventory.ini --known-hosts ~/.ssh/known_hosts.d/rebuild\n"
      "  infrac inventory out/rebuild --format ssh-config --jump-host bastion --ssh-user admin");
  return {c, [f](const CommandIo& io) { return run_inventory(*f, io); }};
}

}  // namespace infrac
