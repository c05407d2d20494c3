#include "check/dependencies.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "check/references.hpp"

namespace infrac {
namespace {

struct Edge {
  std::size_t to;
  Span span;  // where the reference is written
};

// CloudFormation allows 500 resources; past that the quota check reports the stack.
constexpr std::size_t kMaxResourcesForCycleSearch = 2000;

class CycleFinder {
 public:
  explicit CycleFinder(const std::vector<std::vector<Edge>>& graph) : graph_(graph), index_(graph.size(), -1), low_(graph.size()), on_stack_(graph.size()) {}

  // Strongly connected components with more than one node, in discovery order.
  std::vector<std::vector<std::size_t>> components() {
    for (std::size_t v = 0; v < graph_.size(); ++v) {
      if (index_[v] < 0) visit(v);
    }
    return result_;
  }

 private:
  const std::vector<std::vector<Edge>>& graph_;
  std::vector<int> index_, low_;
  std::vector<bool> on_stack_;
  std::vector<std::size_t> stack_;
  std::vector<std::vector<std::size_t>> result_;
  int counter_ = 0;

  void visit(std::size_t v) {  // Tarjan's algorithm
    index_[v] = low_[v] = counter_++;
    stack_.push_back(v);
    on_stack_[v] = true;
    for (const Edge& e : graph_[v]) {
      if (index_[e.to] < 0) {
        visit(e.to);
        low_[v] = std::min(low_[v], low_[e.to]);
      } else if (on_stack_[e.to]) {
        low_[v] = std::min(low_[v], index_[e.to]);
      }
    }
    if (low_[v] != index_[v]) return;
    std::vector<std::size_t> component;
    std::size_t w;
    do {
      w = stack_.back();
      stack_.pop_back();
      on_stack_[w] = false;
      component.push_back(w);
    } while (w != v);
    if (component.size() > 1) result_.push_back(std::move(component));
  }
};

// A shortest cycle through `start` inside one component, as a list of edges.
std::vector<std::pair<std::size_t, Edge>> cycle_through(std::size_t start, const std::vector<std::vector<Edge>>& graph,
                                                        const std::vector<bool>& in_component) {
  std::vector<std::pair<std::size_t, Edge>> came_from(graph.size(), {SIZE_MAX, Edge{}});
  std::vector<std::size_t> queue = {start};
  for (std::size_t head = 0; head < queue.size(); ++head) {
    std::size_t v = queue[head];
    for (const Edge& e : graph[v]) {
      if (!in_component[e.to] || came_from[e.to].first != SIZE_MAX) continue;
      came_from[e.to] = {v, e};
      if (e.to == start) {
        std::vector<std::pair<std::size_t, Edge>> path;
        for (std::size_t at = start; path.empty() || at != start;) {
          path.push_back(came_from[at]);
          at = came_from[at].first;
        }
        std::reverse(path.begin(), path.end());
        return path;
      }
      queue.push_back(e.to);
    }
  }
  return {};
}


// Reports each cycle of the graph once, at its first node in source order,
// with a note at the reference that closes every step.
void report_cycles(const std::vector<std::string>& names, const std::vector<Span>& name_spans,
                   const std::vector<std::vector<Edge>>& graph, const char* what, Diagnostics& diagnostics) {
  for (auto& component : CycleFinder(graph).components()) {
    std::size_t first = *std::min_element(component.begin(), component.end());
    std::vector<bool> in_component(graph.size());
    for (std::size_t v : component) in_component[v] = true;
    auto path = cycle_through(first, graph, in_component);
    std::string chain = names[first];
    for (const auto& [from, edge] : path) chain += " -> " + names[edge.to];
    auto& d = diagnostics.error(name_spans[first], std::string(what) + " depend on each other in a cycle: " + chain);
    for (const auto& [from, edge] : path) {
      d.notes.push_back({edge.span, "`" + names[from] + "` refers to `" + names[edge.to] + "` here"});
    }
  }
}

template <typename Decl>
std::map<std::string, std::size_t> positions_of(const std::vector<Decl>& decls, const std::map<std::string, const Decl*>& table) {
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < decls.size(); ++i) {
    auto it = table.find(decls[i].name);
    if (it != table.end() && it->second == &decls[i]) position.emplace(decls[i].name, i);
  }
  return position;
}

template <typename Decl>
void names_and_spans(const std::vector<Decl>& decls, std::vector<std::string>& names, std::vector<Span>& spans) {
  for (const auto& d : decls) {
    names.push_back(d.name);
    spans.push_back(d.name_span);
  }
}

// `condition(Name)` and a hand-written `{ Condition: "Name" }` inside a condition.
void collect_condition_uses(const std::vector<SourceReference>& found, const std::function<void(const std::string&, Span)>& add) {
  for (const auto& r : found) {
    if (r.kind == cfn::ReferenceKind::Condition) add(r.name, r.span);
  }
}

}  // namespace

void check_dependency_cycles(const ast::Stack& stack, const StackSymbols& symbols, StackReferences& references, Diagnostics& diagnostics) {
  const auto& resources = stack.resources;
  if (resources.size() <= kMaxResourcesForCycleSearch) {
    auto position = positions_of(resources, symbols.resources);
    std::vector<std::vector<Edge>> graph(resources.size());
    for (std::size_t i = 0; i < resources.size(); ++i) {
      auto add = [&](const std::string& name, Span span) {
        auto it = position.find(name);
        if (it != position.end() && it->second != i) graph[i].push_back({it->second, span});
      };
      for (const auto& p : resources[i].properties) for_each_reference(references.of(p.value), add);
      for (const auto& a : resources[i].attributes) {
        if (a.keyword != "condition") for_each_reference(references.of(a.value), add);
      }
    }
    std::vector<std::string> names;
    std::vector<Span> spans;
    names_and_spans(resources, names, spans);
    report_cycles(names, spans, graph, "resources", diagnostics);
  }
  const auto& conditions = stack.conditions;
  if (conditions.size() <= kMaxResourcesForCycleSearch) {
    auto position = positions_of(conditions, symbols.conditions);
    std::vector<std::vector<Edge>> graph(conditions.size());
    for (std::size_t i = 0; i < conditions.size(); ++i) {
      collect_condition_uses(references.of(conditions[i].expression), [&](const std::string& name, Span span) {
        auto it = position.find(name);
        if (it == position.end()) return;
        if (it->second == i) {
          diagnostics.error(span, "condition `" + name + "` refers to itself");
        } else {
          graph[i].push_back({it->second, span});
        }
      });
    }
    std::vector<std::string> names;
    std::vector<Span> spans;
    names_and_spans(conditions, names, spans);
    report_cycles(names, spans, graph, "conditions", diagnostics);
  }
}

}  // namespace infrac
