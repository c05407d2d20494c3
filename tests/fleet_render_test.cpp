// Golden tests of every fleet renderer on fixed models: fleet/<case>.answers.json
// holds what AWS would have said, the clock and the options; each output must equal
// fleet/<case>.<output> byte for byte (table.txt, inventory.json, ansible.ini,
// ansible.yaml, ssh_config, known_hosts, check.txt, metrics.prom; known_hosts.merged
// when the case has `known_hosts_before`; template.out when it has template.mustache).
// INFRAC_UPDATE_GOLDEN=1 rewrites the expectations. Runs from tests/.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "fleet/fleet.hpp"
#include "support/fleet_answers.hpp"
#include "support/files.hpp"

namespace fs = std::filesystem;
using namespace infrac;
using namespace infrac::test;

namespace {

const fs::path kCaseDir = "fleet";

std::map<std::string, std::string> render_case(const FleetCase& c, const std::string& name) {
  fleet::Inventory inv = fleet::make_inventory(c.answers, c.now);
  std::map<std::string, std::string> out{
      {"table.txt", fleet::render_table(inv)},
      {"inventory.json", fleet::render_json(inv, c.render)},
      {"ansible.ini", fleet::render_ansible_ini(inv, c.render)},
      {"ansible.yaml", fleet::render_ansible_yaml(inv, c.render)},
      {"ssh_config", fleet::render_ssh_config(inv, c.render)},
      {"known_hosts", fleet::render_known_hosts(inv)},
  };
  auto problems = fleet::check_fleet(inv, c.max_age);
  std::string check;
  for (const auto& p : problems) check += p + "\n";
  out["check.txt"] = check;
  out["metrics.prom"] = fleet::render_prometheus(inv, c.max_age, problems.size());
  if (c.known_hosts_before) out["known_hosts.merged"] = fleet::merge_known_hosts(*c.known_hosts_before, inv);
  if (auto tmpl = read_file_if_exists(kCaseDir / (name + ".template.mustache"))) {
    auto r = fleet::render_template(*tmpl, inv, c.render);
    REQUIRE_MESSAGE(r.error.empty(), r.error);
    out["template.out"] = r.text;
  }
  return out;
}

}  // namespace

TEST_CASE("fleet renderers") {
  for (const std::string& case_name : case_names(kCaseDir, ".answers.json")) {
    SUBCASE(case_name.c_str()) {
      FleetCase c = read_fleet_case(nlohmann::json::parse(read_file(kCaseDir / (case_name + ".answers.json"))));
      auto outputs = render_case(c, case_name);
      CHECK_MESSAGE(outputs == render_case(c, case_name), "a second rendering differs");
      for (const auto& [file, text] : outputs) {
        fs::path expected = kCaseDir / (case_name + "." + file);
        if (update_golden_requested()) {
          write_file(expected, text);
          continue;
        }
        auto want = read_file_if_exists(expected);
        if (!want) {
          FAIL_CHECK(expected.generic_string() << " does not exist (INFRAC_UPDATE_GOLDEN=1 creates it)");
          continue;
        }
        std::string difference = first_difference(*want, text);
        CHECK_MESSAGE(difference.empty(), expected.generic_string() << " differs: " << difference
                                                                    << "\n(INFRAC_UPDATE_GOLDEN=1 accepts the new output)");
      }
    }
  }
}
