#include "lib/analysis/react_components.h"

#include <algorithm>
#include <array>
#include <deque>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "lib/analysis/finding_support.h"
#include "lib/analysis/source_place.h"

namespace heapsleuth::analysis {
namespace {

// The pointer fields every fiber has, in React 17 and 18, development and
// production alike (ReactFiber.js, FiberNode's constructor).
constexpr std::array<std::string_view, 9> kFiberFields = {
    "return", "child", "sibling", "alternate", "stateNode", "type", "elementType", "memoizedState", "memoizedProps"};

// Edges the walk from a mounted fiber to its hooks' closures never takes:
// they lead to shared machinery (prototypes, maps), back into the fiber
// tree, or to the DOM.
constexpr std::array<std::string_view, 12> kSkippedEdges = {
    "__proto__", "map", "constructor", "prototype", "return", "child", "sibling", "alternate",
    "stateNode", "_owner", "_debugOwner", "previous"};

// Contexts looked at from a closure towards its render Context: block and
// function scopes nest far less deeply than this in real code.
constexpr int kMaxContextChain = 16;

// Hooks followed per fiber: more than any component has.
constexpr int kMaxHooks = 256;

bool IsContext(const graph::Graph& graph, uint32_t node) {
  return graph.node_name(node).starts_with("system / Context");
}

bool HasFiberShape(const graph::Graph& graph, uint32_t node) {
  uint32_t seen = 0;
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_type(edge) != graph.edge_types().property) continue;
    const std::string_view name = graph.edge_name(edge);
    for (size_t i = 0; i < kFiberFields.size(); ++i) {
      if (name == kFiberFields[i]) seen |= 1u << i;
    }
  }
  return seen == (1u << kFiberFields.size()) - 1;
}

// The ScopeInfo of a function's own scope: what its render Contexts point at.
uint32_t FunctionScopeInfo(const graph::Graph& graph, uint32_t closure) {
  const uint32_t shared = FollowNamedEdge(graph, closure, "shared");
  if (shared == kNoNode) return kNoNode;
  uint32_t info = FollowNamedEdge(graph, shared, "name_or_scope_info");
  if (info == kNoNode) info = FollowNamedEdge(graph, shared, "scope_info");
  if (info == kNoNode || !graph.node_name(info).starts_with("system / ScopeInfo")) return kNoNode;
  return info;
}

// What the path to an unmounted render says about who holds it.
struct Culprit {
  uint32_t closure = kNoNode;
  std::string kind;  // "event listener", "timer", "held by quoteStore.listeners".
};

// Whether `closure` was made in a component's render: its Context chain
// reaches a Context of a component's ScopeInfo.
bool MadeInRender(const graph::Graph& graph, const ReactHeap& heap, uint32_t closure) {
  uint32_t c = FollowNamedEdge(graph, closure, "context");
  for (int step = 0; step < kMaxContextChain && c != kNoNode && IsContext(graph, c); ++step) {
    if (std::binary_search(heap.scope_infos.begin(), heap.scope_infos.end(), FollowNamedEdge(graph, c, "scope_info"))) {
      return true;
    }
    c = FollowNamedEdge(graph, c, "previous");
  }
  return false;
}

Culprit FindCulprit(const graph::Graph& graph, const ReactHeap& heap, const graph::RetainerPath& path) {
  Culprit culprit;
  const std::vector<graph::PathStep>& steps = path.steps;
  size_t end = steps.size();  // Closures are looked for before this step.
  for (size_t i = 0; i < steps.size(); ++i) {
    if (graph.node_type(steps[i].node) == graph.node_types().object && HasFiberShape(graph, steps[i].node)) {
      end = i;
      break;
    }
  }
  const bool through_fiber = end < steps.size();
  size_t at = steps.size();
  for (size_t i = end; i-- > 0;) {
    if (graph.node_type(steps[i].node) == graph.node_types().closure) {
      at = i;
      break;
    }
  }
  if (at == steps.size()) return culprit;
  if (through_fiber && !MadeInRender(graph, heap, steps[at].node)) return culprit;
  culprit.closure = steps[at].node;
  for (size_t i = 0; i < at; ++i) {
    const std::string_view name = graph.node_name(steps[i].node);
    if (name == "V8EventListener" || name == "EventListener") return {culprit.closure, "event listener"};
    if (name == "DOMTimer" || name == "ScheduledAction" || name == "Timeout") return {culprit.closure, "timer"};
  }
  // Held from JS: name the holder by the path up to the closure.
  graph::RetainerPath holder;
  holder.steps.assign(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(at));
  const std::string expression = PathExpression(graph, holder);
  culprit.kind = expression.empty() ? "subscription" : "subscription in " + expression;
  return culprit;
}

}  // namespace

ReactHeap AnalyzeReact(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  ReactHeap heap;
  const uint8_t object_type = graph.node_types().object;
  const uint8_t closure_type = graph.node_types().closure;
  std::vector<uint32_t> fibers;
  std::vector<uint32_t> roots;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != object_type) continue;
    if (HasFiberShape(graph, node)) {
      fibers.push_back(node);
      continue;
    }
    const uint32_t current = FollowNamedEdge(graph, node, "current");
    if (current != kNoNode && FollowNamedEdge(graph, node, "containerInfo") != kNoNode) roots.push_back(node);
  }
  if (fibers.empty()) return heap;
  heap.found = true;
  heap.fiber_count = fibers.size();

  // Component types: closures that are a fiber's `type`; one entry each, in fiber order.
  std::unordered_map<uint32_t, size_t> by_function;
  std::vector<std::vector<uint32_t>> members;  // Per component: fibers, render Contexts, closures.
  auto component_of = [&](uint32_t fiber) -> ReactComponent* {
    uint32_t type = FollowNamedEdge(graph, fiber, "type");
    if (type != kNoNode && graph.node_type(type) == object_type) {
      // forwardRef ({$$typeof, render}) and memo ({$$typeof, type, compare}) wrap the function.
      const uint32_t render = FollowNamedEdge(graph, type, "render");
      type = render != kNoNode ? render : FollowNamedEdge(graph, type, "type");
    }
    if (type == kNoNode || graph.node_type(type) != closure_type) return nullptr;
    auto [it, inserted] = by_function.try_emplace(type, heap.components.size());
    if (inserted) {
      ReactComponent component;
      component.function = type;
      component.name = FunctionName(graph, analysis, type);
      heap.components.push_back(std::move(component));
      members.emplace_back();
    }
    return &heap.components[it->second];
  };
  for (uint32_t fiber : fibers) {
    if (ReactComponent* component = component_of(fiber)) {
      ++component->fibers;
      members[by_function[component->function]].push_back(fiber);
    }
  }

  // Mounted fibers: each root's current tree, by child and sibling.
  std::vector<uint8_t> is_fiber(graph.node_count(), 0);
  for (uint32_t fiber : fibers) is_fiber[fiber] = 1;
  std::vector<uint8_t> mounted(graph.node_count(), 0);
  std::vector<uint32_t> mounted_fibers;
  for (uint32_t root : roots) {
    std::vector<uint32_t> stack = {FollowNamedEdge(graph, root, "current")};
    while (!stack.empty()) {
      const uint32_t fiber = stack.back();
      stack.pop_back();
      if (fiber == kNoNode || !is_fiber[fiber] || mounted[fiber]) continue;
      mounted[fiber] = 1;
      mounted_fibers.push_back(fiber);
      if (ReactComponent* component = component_of(fiber)) ++component->mounted;
      stack.push_back(FollowNamedEdge(graph, fiber, "sibling"));
      stack.push_back(FollowNamedEdge(graph, fiber, "child"));
    }
  }
  heap.root_count = roots.size();

  // Render Contexts: Contexts whose scope_info is a component's ScopeInfo.
  std::unordered_map<uint32_t, size_t> by_scope_info;
  for (auto [function, index] : by_function) {
    const uint32_t info = FunctionScopeInfo(graph, function);
    if (info != kNoNode) {
      by_scope_info.emplace(info, index);
      heap.scope_infos.push_back(info);
    }
  }
  std::sort(heap.scope_infos.begin(), heap.scope_infos.end());
  std::vector<std::pair<uint32_t, size_t>> renders;  // (Context, component), node order.
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != object_type || !IsContext(graph, node)) continue;
    const auto it = by_scope_info.find(FollowNamedEdge(graph, node, "scope_info"));
    if (it != by_scope_info.end()) renders.emplace_back(node, it->second);
  }

  // Which render Contexts the mounted fibers' hooks reach (see the header).
  std::vector<uint8_t> reached(graph.node_count(), 0);
  std::deque<std::pair<uint32_t, int>> queue;
  for (uint32_t fiber : mounted_fibers) {
    queue.emplace_back(fiber, 0);
    const uint32_t alternate = FollowNamedEdge(graph, fiber, "alternate");
    if (alternate != kNoNode && is_fiber[alternate]) queue.emplace_back(alternate, 0);
  }
  for (auto& [node, depth] : queue) reached[node] = 1;
  const uint8_t array_type = graph.node_types().array;
  const uint8_t hidden_type = graph.node_types().hidden;
  while (!queue.empty()) {
    const auto [node, depth] = queue.front();
    queue.pop_front();
    if (depth >= kHookDepth) continue;
    const bool closure = graph.node_type(node) == closure_type;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      const uint32_t to = graph.edge_to_node(edge);
      if (reached[to] || is_fiber[to]) continue;
      if (graph.edge_type(edge) == graph.edge_types().weak) continue;
      const std::string_view name = graph.edge_has_string_name(edge) ? graph.edge_name(edge) : std::string_view();
      if (closure && name != "context" && name != "bound_this" && name != "bound_function" &&
          name != "bound_arguments") {
        continue;
      }
      if (std::find(kSkippedEdges.begin(), kSkippedEdges.end(), name) != kSkippedEdges.end()) continue;
      const uint8_t type = graph.node_type(to);
      if (IsContext(graph, to)) {
        // A closure's Context chain: mark it up to the first render Context.
        for (uint32_t c = to; c != kNoNode && !reached[c] && IsContext(graph, c);
             c = FollowNamedEdge(graph, c, "previous")) {
          reached[c] = 1;
          if (by_scope_info.contains(FollowNamedEdge(graph, c, "scope_info"))) break;
        }
        continue;
      }
      if (type != object_type && type != array_type && type != closure_type && type != hidden_type) continue;
      reached[to] = 1;
      queue.emplace_back(to, depth + 1);
    }
  }

  // Closures made inside a render (effects, listeners, callbacks) belong to its component.
  std::unordered_map<uint32_t, size_t> render_component;
  for (auto [context, index] : renders) render_component.emplace(context, index);
  std::vector<uint32_t> chain;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != closure_type) continue;
    chain.clear();
    uint32_t c = FollowNamedEdge(graph, node, "context");
    for (int step = 0; step < kMaxContextChain && c != kNoNode && IsContext(graph, c); ++step) {
      chain.push_back(c);
      const auto it = render_component.find(c);
      if (it != render_component.end()) {
        members[it->second].push_back(node);
        if (!reached[c]) {
          std::vector<uint32_t>& state = heap.components[it->second].unmounted_state;
          state.push_back(node);
          for (uint32_t context : chain) {
            state.push_back(context);
            for (uint32_t edge = graph.first_edge(context); edge < graph.first_edge(context + 1); ++edge) {
              if (graph.edge_type(edge) == graph.edge_types().context) state.push_back(graph.edge_to_node(edge));
            }
          }
        }
        break;
      }
      c = FollowNamedEdge(graph, c, "previous");
    }
  }
  for (auto [context, index] : renders) {
    ReactComponent& component = heap.components[index];
    ++component.renders;
    members[index].push_back(context);
    if (!reached[context]) component.unmounted.push_back(context);
  }
  // Fibers of unmounted instances: neither mounted nor a mounted fiber's alternate.
  std::vector<uint8_t> live(mounted);
  for (uint32_t fiber : mounted_fibers) {
    const uint32_t alternate = FollowNamedEdge(graph, fiber, "alternate");
    if (alternate != kNoNode && alternate < graph.node_count()) live[alternate] = 1;
  }
  for (uint32_t fiber : fibers) {
    if (live[fiber]) continue;
    const ReactComponent* component = component_of(fiber);
    if (component == nullptr) continue;
    const auto it = by_function.find(component->function);
    std::vector<uint32_t>& state = heap.components[it->second].unmounted_state;
    state.push_back(fiber);
    // Its hooks (memoizedState → hook → next ...) and each hook's value (useState's state).
    uint32_t hook = FollowNamedEdge(graph, fiber, "memoizedState");
    for (int step = 0; step < kMaxHooks && hook != kNoNode && graph.node_type(hook) == object_type &&
                       FollowNamedEdge(graph, hook, "next") != kNoNode;
         ++step) {
      state.push_back(hook);
      const uint32_t value = FollowNamedEdge(graph, hook, "memoizedState");
      if (value != kNoNode && !IsContext(graph, value)) state.push_back(value);
      hook = FollowNamedEdge(graph, hook, "next");
    }
  }
  for (size_t i = 0; i < heap.components.size(); ++i) {
    ReactComponent& component = heap.components[i];
    std::sort(component.unmounted_state.begin(), component.unmounted_state.end());
    component.unmounted_state.erase(std::unique(component.unmounted_state.begin(), component.unmounted_state.end()),
                                    component.unmounted_state.end());
    if (analysis.dominators.retained_size.empty()) continue;  // Classes only (graph::AnalyzeClasses).
    component.retained_size = CombinedRetainedSize(graph, analysis, members[i]);
    component.unmounted_retained_size = CombinedRetainedSize(graph, analysis, component.unmounted);
  }
  std::stable_sort(heap.components.begin(), heap.components.end(),
                   [](const ReactComponent& a, const ReactComponent& b) {
                     if (a.retained_size != b.retained_size) return a.retained_size > b.retained_size;
                     return a.name < b.name;
                   });
  return heap;
}

std::vector<Finding> FindReactComponentLeaks(const LeakContext& ctx, const ReactHeap& heap,
                                             const std::vector<std::map<std::string, uint64_t>>& series) {
  const graph::Graph& graph = ctx.graph;
  std::vector<Finding> findings;
  if (!heap.found) return findings;
  for (const ReactComponent& component : heap.components) {
    if (component.unmounted.empty()) continue;
    // Culprits by function (SharedFunctionInfo) and kind, in order of first sight.
    struct Group {
      std::string label;
      std::vector<uint32_t> closures;
      std::optional<graph::RetainerPath> path;
    };
    std::vector<Group> groups;
    std::map<std::pair<uint32_t, std::string>, size_t> group_of;
    std::vector<uint32_t> finding_members;
    uint64_t held = 0;  // Unmounted renders with a culprit.
    for (uint32_t context : component.unmounted) {
      std::optional<graph::RetainerPath> path = ctx.paths.ShortestPath(context);
      if (!path) continue;
      const Culprit culprit = FindCulprit(graph, heap, *path);
      if (culprit.closure == kNoNode) continue;
      ++held;
      finding_members.push_back(context);
      const uint32_t shared = FollowNamedEdge(graph, culprit.closure, "shared");
      const auto key = std::make_pair(shared == kNoNode ? culprit.closure : shared, culprit.kind);
      auto [it, inserted] = group_of.try_emplace(key, groups.size());
      if (inserted) {
        groups.push_back(Group{FunctionName(graph, ctx.analysis, culprit.closure) + " (" + culprit.kind + ")", {}, {}});
      }
      Group& group = groups[it->second];
      if (std::find(group.closures.begin(), group.closures.end(), culprit.closure) == group.closures.end()) {
        group.closures.push_back(culprit.closure);
        finding_members.push_back(culprit.closure);
      }
      if (!group.path) {
        graph::RetainerPath to_closure;
        for (const graph::PathStep& step : path->steps) {
          to_closure.steps.push_back(step);
          if (step.node == culprit.closure) break;
        }
        group.path = std::move(to_closure);
      }
    }
    if (held == 0) continue;
    finding_members.insert(finding_members.end(), component.unmounted_state.begin(), component.unmounted_state.end());
    std::sort(finding_members.begin(), finding_members.end());
    finding_members.erase(std::unique(finding_members.begin(), finding_members.end()), finding_members.end());
    Finding finding;
    finding.kind = FindingKind::kReactComponent;
    finding.priority = FindingPriority::kHigh;
    finding.subject = component.name;
    finding.count = held;
    finding.retained_size = CombinedRetainedSize(graph, ctx.analysis, finding_members);
    finding.members = finding_members;
    size_t largest = groups.size();
    uint64_t largest_size = 0;
    for (size_t i = 0; i < groups.size(); ++i) {
      const uint64_t size = CombinedRetainedSize(graph, ctx.analysis, groups[i].closures);
      finding.items.push_back(FindingItem{groups[i].label, groups[i].closures.front(), groups[i].closures.size(), size});
      if (largest == groups.size() || size > largest_size) {
        largest = i;
        largest_size = size;
      }
    }
    std::stable_sort(finding.items.begin(), finding.items.end(),
                     [](const FindingItem& a, const FindingItem& b) { return a.size > b.size; });
    finding.items.push_back(FindingItem{"mounted instances (not leaked)", kNoNode, component.mounted, 0});
    if (largest < groups.size()) {
      finding.representative = groups[largest].closures.front();
      finding.path = groups[largest].path;
      finding.place = FindSourcePlace(graph, ctx.scripts, finding.representative);
    } else {
      finding.representative = component.unmounted.front();
      finding.path = ctx.paths.ShortestPath(finding.representative);
      finding.place = FindSourcePlace(graph, ctx.scripts, component.function);
    }
    if (!series.empty()) {
      finding.series_unit = "unmounted instances";
      for (const auto& counts : series) {
        const auto it = counts.find(component.name);
        finding.series.push_back(it == counts.end() ? 0 : it->second);
      }
      finding.series.back() = finding.count;  // This heap's, with culprits.
    }
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

void FoldReactDetachedDom(const graph::Graph& graph, const graph::HeapAnalysis& analysis, const ReactHeap& heap,
                          std::vector<Finding>& findings) {
  if (!heap.found) return;
  std::unordered_map<uint32_t, size_t> react_member;  // Node → index of its React finding.
  for (size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].kind != FindingKind::kReactComponent) continue;
    for (uint32_t node : findings[i].members) react_member.emplace(node, i);
  }
  std::vector<uint8_t> drop(findings.size(), 0);
  for (size_t i = 0; i < findings.size(); ++i) {
    Finding& dom = findings[i];
    if (dom.kind != FindingKind::kDetachedDom || !dom.path || dom.path->steps.empty() ||
        dom.representative >= graph.node_count()) {
      continue;
    }
    const std::vector<graph::PathStep>& steps = dom.path->steps;
    size_t owner = findings.size();
    for (const graph::PathStep& step : steps) {
      const auto it = react_member.find(step.node);
      if (it != react_member.end()) owner = it->second;
    }
    if (owner < findings.size()) {
      Finding& component = findings[owner];
      const std::string_view element = graph.node_name(dom.representative);
      FindingItem item{std::string(element.starts_with("Detached ") ? element.substr(9) : element) +
                           " (detached DOM, " + std::to_string(dom.count) + (dom.count == 1 ? " node)" : " nodes)"),
                       dom.representative, 1, dom.retained_size};
      // Before the last item, the mounted count.
      component.items.insert(component.items.empty() ? component.items.end() : component.items.end() - 1,
                             std::move(item));
      component.members.insert(component.members.end(), dom.members.begin(), dom.members.end());
      component.retained_size = CombinedRetainedSize(graph, analysis, component.members);
      drop[i] = 1;
      continue;
    }
    // react-dom's own singletons (see the header).
    if (dom.count != 1) continue;
    const size_t n = steps.size();
    std::string_view last = graph.node_name(steps[n - 1].node);
    if (last.starts_with("Detached ")) last.remove_prefix(9);
    const bool fake_node = last == "<react>" && n >= 2 && IsContext(graph, steps[n - 2].node);
    const bool dummy_style = last == "<div>" && n >= 3 &&
                             graph.node_name(steps[n - 2].node).find("CSSStyleDeclaration") != std::string_view::npos &&
                             IsContext(graph, steps[n - 3].node);
    if (fake_node || dummy_style) drop[i] = 1;
  }
  size_t kept = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    if (!drop[i]) {
      if (kept != i) findings[kept] = std::move(findings[i]);
      ++kept;
    }
  }
  findings.resize(kept);
}

void ReactComponentSeries::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const ReactHeap heap = AnalyzeReact(graph, analysis);
  std::map<std::string, uint64_t> counts;
  for (const ReactComponent& component : heap.components) counts[component.name] += component.unmounted.size();
  unmounted_.push_back(std::move(counts));
}

std::vector<Finding> ReactComponentSeries::Findings(const LeakContext& last) const {
  return FindReactComponentLeaks(last, AnalyzeReact(last.graph, last.analysis), unmounted_);
}

}  // namespace heapsleuth::analysis
