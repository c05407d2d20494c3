// The inventory as JSON, and `--template` through Mustache over the same document.
#include <kainjow/mustache.hpp>

#include "aws/time.hpp"
#include "fleet/duration.hpp"
#include "fleet/render.hpp"

namespace infrac::fleet {
namespace {

Json instance_json(const Instance& i, const RenderOptions& options) {
  Json keys = Json::array();
  for (const auto& k : i.host_keys) keys.push_back({{"type", k.type}, {"key", k.key}});
  return {
      {"stack", i.stack},
      {"aws_stack", i.aws_stack},
      {"group", i.group},
      {"group_logical_id", i.group_logical_id},
      {"id", i.id},
      {"zone", i.zone},
      {"address", connect_address(i, options)},
      {"private_ip", i.private_ip},
      {"public_ip", i.public_ip},
      {"private_dns", i.private_dns},
      {"public_dns", i.public_dns},
      {"state", i.state},
      {"lifecycle_state", i.lifecycle_state},
      {"health_status", i.health_status},
      {"launch_time", i.launch_time ? Json(aws::format_iso8601(*i.launch_time)) : Json()},
      {"age_seconds", i.age ? Json(i.age->count()) : Json()},
      {"age", i.age ? Json(format_duration(*i.age)) : Json()},
      {"host_key_status", key_status_name(i.key_status)},
      {"host_key_problem", i.key_problem},
      {"host_keys", std::move(keys)},
  };
}

// Mustache sees the JSON document: objects, lists, strings; numbers as their text,
// null and false as false.
kainjow::mustache::data to_mustache(const Json& j) {
  using kainjow::mustache::data;
  if (j.is_object()) {
    data d{data::type::object};
    for (const auto& [k, v] : j.items()) d.set(k, to_mustache(v));
    return d;
  }
  if (j.is_array()) {
    data d{data::type::list};
    for (const auto& v : j) d.push_back(to_mustache(v));
    return d;
  }
  if (j.is_string()) return data{j.get<std::string>()};
  if (j.is_boolean()) return j.get<bool>() ? data{data::type::bool_true} : data{data::type::bool_false};
  if (j.is_null()) return data{data::type::bool_false};
  return data{j.dump()};
}

}  // namespace

std::string connect_address(const Instance& instance, const RenderOptions& options) {
  switch (options.address) {
    case AddressChoice::Private: return instance.private_ip;
    case AddressChoice::Public: return instance.public_ip;
    case AddressChoice::Auto:
      if (!options.jump_host.empty() || instance.public_ip.empty()) return instance.private_ip;
      return instance.public_ip;
  }
  return "";
}

Json inventory_json(const Inventory& inventory, const RenderOptions& options) {
  Json stacks = Json::array();
  for (const auto& s : inventory.stacks) {
    Json outputs = Json::array();
    for (const auto& [k, v] : s.outputs) outputs.push_back({{"key", k}, {"value", v}});
    stacks.push_back({{"name", s.name}, {"aws_name", s.aws_name}, {"ansible_name", ansible_name(s.name)}, {"outputs", outputs}});
  }
  Json groups = Json::array();
  for (const auto& g : inventory.groups)
    groups.push_back({{"stack", g.stack},
                      {"name", g.name},
                      {"logical_id", g.logical_id},
                      {"desired_capacity", g.desired_capacity},
                      {"in_service", g.in_service},
                      {"instances", g.instance_ids}});
  Json instances = Json::array();
  Json unverified = Json::array();
  for (const auto& i : inventory.instances) {
    instances.push_back(instance_json(i, options));
    if (i.key_status != KeyStatus::Verified) unverified.push_back(i.id);
  }
  return {{"format", 1},
          {"generated_at", aws::format_iso8601(inventory.now)},
          {"stacks", std::move(stacks)},
          {"groups", std::move(groups)},
          {"instances", std::move(instances)},
          {"unverified_host_keys", std::move(unverified)}};
}

std::string render_json(const Inventory& inventory, const RenderOptions& options) {
  return inventory_json(inventory, options).dump(2) + "\n";
}

TemplateResult render_template(const std::string& template_text, const Inventory& inventory, const RenderOptions& options) {
  kainjow::mustache::mustache tmpl{template_text};
  if (!tmpl.is_valid()) return {"", tmpl.error_message()};
  std::string text = tmpl.render(to_mustache(inventory_json(inventory, options)));
  if (!tmpl.is_valid()) return {"", tmpl.error_message()};
  return {std::move(text), ""};
}

}  // namespace infrac::fleet
