#include "resolve/stack_links.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "ast/for_each_expr.hpp"
#include "ast/lookup.hpp"
#include "parse/text.hpp"
#include "resolve/output_types.hpp"

namespace infrac {
namespace {

using Kind = ast::Expr::Kind;

// `data-store` + `Endpoint` -> `DataStoreEndpoint`: a logical id for the wired parameter.
std::string parameter_name(const std::string& stack, const std::string& output) {
  std::string out;
  bool upper = true;
  for (char c : stack) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out + output;
}

class Linker {
 public:
  Linker(std::map<std::string, ast::Stack*> stacks, Diagnostics& diagnostics) : stacks_(std::move(stacks)), diagnostics_(diagnostics) {}

  void link(ast::Stack& stack) {
    stack_ = &stack;
    local_.clear();
    for (const auto& p : stack.parameters) local_.insert(p.name);
    for (const auto& r : stack.resources) local_.insert(r.name);
    std::vector<ast::Parameter> added;
    added_ = &added;
    used_as_text_.clear();
    ast::for_each_expr(stack, [&](ast::Expr& e) { find_text_uses(e, false); });
    ast::for_each_expr(stack, [&](ast::Expr& e) { visit(e); });
    std::move(added.begin(), added.end(), std::back_inserter(stack.parameters));
  }

 private:
  std::map<std::string, ast::Stack*> stacks_;
  Diagnostics& diagnostics_;
  ast::Stack* stack_ = nullptr;
  std::set<std::string> local_;
  std::vector<ast::Parameter>* added_ = nullptr;
  std::set<std::string> used_as_text_;  // `stack.Output`s used other than as `split(",", stack.Output)`

  // A joined list output becomes a List<...> parameter only where every use asks for the
  // list (`split(",", network.SubnetIds)`); used as text, it stays a String.
  void find_text_uses(const ast::Expr& e, bool split) {
    if (e.kind == Kind::Reference && !split && is_link(e.name, e.attribute)) used_as_text_.insert(e.name + "." + e.attribute);
    for (const auto& part : e.parts) {
      if (part.kind == ast::TextPart::Kind::Reference) used_as_text_.insert(part.text + "." + part.attribute);
    }
    bool is_split = e.kind == Kind::Call && e.name == "split" && e.items.size() == 2 && e.items[0].kind == Kind::String && e.items[0].text == ",";
    for (std::size_t i = 0; i < e.items.size(); ++i) find_text_uses(e.items[i], is_split && i == 1);
    for (const auto& entry : e.entries) find_text_uses(entry.value, false);
  }

  bool is_link(const std::string& name, const std::string& attribute) const {
    return !attribute.empty() && !local_.count(name) && stacks_.count(name);
  }

  // Only a stack's name can have a hyphen: one that names no stack is a misspelt stack.
  bool unknown_stack(const std::string& name, Span span) {
    if (name.find('-') == std::string::npos || stacks_.count(name)) return false;
    auto& d = diagnostics_.error(span, "unknown stack `" + name + "`");
    std::vector<std::string> names;
    for (const auto& [stack, _] : stacks_) names.push_back(stack);
    add_did_you_mean(d, name, names);
    return true;
  }

  void visit(ast::Expr& e) {
    if (e.kind == Kind::Reference && unknown_stack(e.name, e.span)) {
      e.kind = Kind::Invalid;
      return;
    }
    if (e.kind == Kind::Reference && is_link(e.name, e.attribute)) {
      auto replacement = wire(e.name, e.attribute, e.span, false);
      if (replacement) {
        e = std::move(*replacement);
      } else {
        e.kind = Kind::Invalid;  // reported
      }
      return;
    }
    if (e.kind == Kind::Text) {
      for (auto& part : e.parts) {
        if (part.kind == ast::TextPart::Kind::Reference && unknown_stack(part.text, part.span)) {
          part = {ast::TextPart::Kind::Literal, "<<" + part.text + ">>", {}, part.span};
          continue;
        }
        if (part.kind != ast::TextPart::Kind::Reference || !is_link(part.text, part.attribute)) continue;
        auto replacement = wire(part.text, part.attribute, part.span, true);
        if (replacement && replacement->kind == Kind::Reference) {
          part.text = replacement->name;
          part.attribute.clear();
        } else {
          // Reported: keep the text as written so nothing else complains about it.
          part = {ast::TextPart::Kind::Literal, "<<" + part.text + "." + part.attribute + ">>", {}, part.span};
        }
      }
      return;
    }
    for (auto& item : e.items) visit(item);
    for (auto& entry : e.entries) visit(entry.value);
    // split(",", producer.Ids) of an output wired as a List<...> parameter: that is the list.
    if (e.kind == Kind::Call && e.name == "split" && e.items.size() == 2 && e.items[0].kind == Kind::String && e.items[0].text == "," &&
        is_list_input(e.items[1])) {
      e = ast::Expr(e.items[1]);
    }
  }

  bool is_list_input(const ast::Expr& e) const {
    if (e.kind != Kind::Reference || !e.attribute.empty()) return false;
    return std::any_of(added_->begin(), added_->end(), [&](const ast::Parameter& p) { return p.name == e.name && p.type.text.rfind("List<", 0) == 0; });
  }

  // The expression that stands for `producer.output` in this stack.
  std::optional<ast::Expr> wire(const std::string& producer_name, const std::string& output, Span span, bool in_text) {
    ast::Stack& producer = *stacks_.at(producer_name);
    if (&producer == stack_) {
      diagnostics_.error(span, "stack `" + producer_name + "` cannot use its own outputs; refer to the resource itself");
      return std::nullopt;
    }
    auto it = std::find_if(producer.outputs.begin(), producer.outputs.end(), [&](const ast::Output& o) { return o.name == output; });
    if (it == producer.outputs.end()) {
      auto& d = diagnostics_.error(span, "stack `" + producer_name + "` has no output `" + output + "`");
      std::vector<std::string> names;
      for (const auto& o : producer.outputs) names.push_back(o.name);
      add_did_you_mean(d, output, names);
      return std::nullopt;
    }
    if (std::none_of(stack_->dependencies.begin(), stack_->dependencies.end(),
                     [&](const ast::StackDependency& d) { return d.stack == producer_name; })) {
      stack_->dependencies.push_back({producer_name, span});
    }
    if (const ast::Attribute* exported = ast::find_attribute(it->attributes, "export")) {
      if (in_text) {
        auto& d = diagnostics_.error(span, "`" + producer_name + "." + output + "` is exported, so it is read with `import_value`, which cannot be interpolated into text");
        d.notes.push_back({std::nullopt, "use it outside the text: join(\"\", [\"...\", " + producer_name + "." + output + "])"});
        return std::nullopt;
      }
      return import_of(producer, *exported, span);
    }
    std::string parameter = parameter_name(producer_name, output);
    bool known = std::any_of(stack_->inputs.begin(), stack_->inputs.end(), [&](const ast::StackInput& i) { return i.parameter == parameter; });
    if (!known) {
      if (local_.count(parameter)) {
        diagnostics_.error(span, "`" + producer_name + "." + output + "` would become parameter `" + parameter + "`, which this stack already declares");
        return std::nullopt;
      }
      ast::Parameter p;
      p.name = parameter;
      p.name_span = span;
      p.span = span;
      std::string type = output_parameter_type(producer, *it);
      if (type.rfind("List<", 0) == 0 && used_as_text_.count(producer_name + "." + output)) type = "String";
      p.type = {type, span};
      p.attributes.push_back({"description", span, ast::Expr::made(Kind::String, span, "Output " + output + " of stack " + producer_name + ", filled at deploy time"), span});
      added_->push_back(std::move(p));
      stack_->inputs.push_back({parameter, producer_name, output});
    }
    ast::Expr reference = ast::Expr::made(Kind::Reference, span);
    reference.name = parameter;
    reference.name_span = span;
    return reference;
  }

  // import_value of the producer's export name, with its AWS::StackName spelled out:
  // in this stack the pseudo parameter would name this stack, not the producer.
  std::optional<ast::Expr> import_of(const ast::Stack& producer, const ast::Attribute& exported, Span span) {
    ast::Expr name = exported.value;
    bool ok = true;
    auto fix = [&](ast::TextPart& part) {
      if (part.kind != ast::TextPart::Kind::Reference) return;
      if (part.text == "AWS::StackName") {
        part = {ast::TextPart::Kind::Literal, producer.name, {}, part.span};
      } else if (part.text.rfind("AWS::", 0) != 0) {
        auto& d = diagnostics_.error(span, "the export name of this output uses `" + part.text + "` of stack `" + producer.name + "`, which another stack cannot know");
        d.notes.push_back({exported.value.span, "the export name is given here"});
        ok = false;
      }
    };
    if (name.kind == Kind::Text) {
      for (auto& part : name.parts) fix(part);
      normalise_text(name);
    } else if (name.kind != Kind::String) {
      diagnostics_.error(span, "the export name of this output is not text another stack can compute");
      ok = false;
    }
    if (!ok) return std::nullopt;
    ast::Expr call = ast::Expr::made(Kind::Call, span);
    call.name = "import_value";
    call.name_span = span;
    call.items.push_back(std::move(name));
    return call;
  }
};

// Depth-first over the stacks' dependencies, with an explicit stack of frames: a
// chain of many thousands of stacks must not exhaust the call stack.
void report_cycles(const std::vector<ast::Stack*>& stacks, Diagnostics& diagnostics) {
  std::map<std::string, ast::Stack*> by_name;
  for (ast::Stack* s : stacks) by_name.emplace(s->name, s);
  std::map<std::string, int> state;  // 0 new, 1 open, 2 done
  std::vector<const ast::StackDependency*> path;
  struct Frame {
    ast::Stack* stack;
    std::size_t next = 0;  // the next dependency to follow
  };
  auto report = [&](const ast::StackDependency& dep) {
    // The cycle starts where the path first entered dep.stack.
    std::size_t start = 0;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
      if (path[k]->stack == dep.stack) start = k + 1;
    }
    std::string chain = dep.stack;
    for (std::size_t k = start; k < path.size(); ++k) chain += " -> " + path[k]->stack;
    auto& d = diagnostics.error(dep.span, "stacks use each other's outputs in a cycle, so none can be deployed first: " + chain);
    for (std::size_t k = start; k < path.size(); ++k) d.notes.push_back({path[k]->span, "an output of `" + path[k]->stack + "` is used here"});
  };
  for (ast::Stack* root : stacks) {
    if (state[root->name] != 0) continue;
    std::vector<Frame> frames{{root}};
    state[root->name] = 1;
    while (!frames.empty()) {
      Frame& top = frames.back();
      if (top.next == top.stack->dependencies.size()) {
        state[top.stack->name] = 2;
        frames.pop_back();
        if (!path.empty()) path.pop_back();
        continue;
      }
      const ast::StackDependency& dep = top.stack->dependencies[top.next++];
      auto it = by_name.find(dep.stack);
      if (it == by_name.end()) continue;
      path.push_back(&dep);
      if (state[dep.stack] == 1) report(dep);
      if (state[dep.stack] != 0) {
        path.pop_back();
        continue;
      }
      state[dep.stack] = 1;
      frames.push_back({it->second});  // `top` is not used past this point
    }
  }
}

}  // namespace

void link_stacks(std::vector<ast::Module>& modules, Diagnostics& diagnostics) {
  std::map<std::string, ast::Stack*> stacks;
  std::vector<ast::Stack*> order;
  for (auto& module : modules) {
    for (auto& stack : module.stacks) {
      stacks.emplace(stack.name, &stack);
      order.push_back(&stack);
    }
  }
  Linker linker(stacks, diagnostics);
  for (ast::Stack* stack : order) linker.link(*stack);
  report_cycles(order, diagnostics);
}

}  // namespace infrac
