#include "cfn/tree_builder.hpp"

#include <fmt/format.h>

namespace infrac::cfn::detail {

bool TreeBuilder::open(Json container, std::size_t offset) {
  if (static_cast<int>(frames_.size()) >= limits_.max_depth) {
    problems_.push_back({offset, fmt::format("values nest deeper than {} levels", limits_.max_depth)});
    return false;
  }
  if (++nodes_ > limits_.max_nodes) {
    problems_.push_back({offset, fmt::format("the document holds more than {} values", limits_.max_nodes)});
    return false;
  }
  Positions::Place place = positions_ ? child_place(offset) : Positions::kRoot;
  Frame frame{std::move(container), {}, {}, place, Positions::kRoot, false, false};
  frames_.push_back(std::move(frame));
  return true;
}

Positions::Place TreeBuilder::child_place(std::size_t offset) {
  if (frames_.empty()) return Positions::kRoot;
  const Frame& top = frames_.back();
  if (top.value.is_object()) return top.member;
  return positions_->add(top.place, std::to_string(top.value.size()), offset);
}

void TreeBuilder::long_form_at(const std::string& key, std::size_t offset) {
  if (positions_) positions_->add(child_place(), key, offset);
}

bool TreeBuilder::key(std::string key, std::size_t offset) {
  Frame& top = frames_.back();
  auto [it, inserted] = top.keys.emplace(key, offset);
  top.skip_value = !inserted;
  if (!inserted) problems_.push_back({offset, fmt::format("duplicate key `{}`", key)});
  if (positions_) top.member = positions_->add(top.place, key, offset);  // a duplicate's stays the first's
  top.key = std::move(key);
  top.has_key = true;
  return true;
}

bool TreeBuilder::value(Json value, std::size_t offset, std::size_t nodes) {
  if (frames_.empty()) {
    root_ = std::move(value);
    root_set_ = true;
    return true;
  }
  Frame& top = frames_.back();
  if (top.value.is_object()) {
    if (!top.has_key) {
      if (!value.is_string()) {
        problems_.push_back({offset, "a key must be text"});
        return false;
      }
      return key(value.get<std::string>(), offset);
    }
    top.has_key = false;
    if (top.skip_value) return true;
    nodes_ += nodes;
    if (nodes_ > limits_.max_nodes) {
      problems_.push_back({offset, fmt::format("the document holds more than {} values", limits_.max_nodes)});
      return false;
    }
    top.value.get_ref<Json::object_t&>().emplace_back(std::move(top.key), std::move(value));
    return true;
  }
  nodes_ += nodes;
  if (nodes_ > limits_.max_nodes) {
    problems_.push_back({offset, fmt::format("the document holds more than {} values", limits_.max_nodes)});
    return false;
  }
  if (positions_) child_place(offset);
  top.value.get_ref<Json::array_t&>().push_back(std::move(value));
  return true;
}

Json TreeBuilder::close() {
  Json value = std::move(frames_.back().value);
  frames_.pop_back();
  return value;
}

std::size_t count_nodes(const Json& value, std::size_t limit) {
  std::size_t count = 0;
  std::vector<const Json*> pending{&value};
  while (!pending.empty() && count <= limit) {
    const Json* v = pending.back();
    pending.pop_back();
    ++count;
    if (v->is_structured()) {
      for (const auto& item : *v) pending.push_back(&item);
    }
  }
  return count;
}

}  // namespace infrac::cfn::detail
