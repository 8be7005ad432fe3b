#include "lib/analysis/detached_listeners.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "lib/analysis/detached_dom.h"
#include "lib/base/str_cat.h"
#include "lib/graph/dom_state.h"

namespace heapsleuth::analysis {
namespace {

constexpr uint32_t kNone = UINT32_MAX;

// The target of `node`'s first edge of type `type` named `name`, or kNone.
uint32_t FollowNamedEdge(const graph::Graph& graph, uint32_t node, uint8_t type, std::string_view name) {
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_type(edge) == type && graph.edge_name(edge) == name) return graph.edge_to_node(edge);
  }
  return kNone;
}

bool IsContext(const graph::Graph& graph, uint32_t node) {
  return node != kNone && graph.node_name(node).starts_with("system / Context");
}

// A script context (top-level let, const and class of one script): an entry
// of the NativeContext's ScriptContextTable.
bool IsScriptContext(const graph::Graph& graph, const graph::Retainers& retainers, uint32_t context) {
  for (uint32_t slot = retainers.first(context); slot < retainers.first(context + 1); ++slot) {
    if (graph.node_name(retainers.node(slot)) == "system / ScriptContextTable") return true;
  }
  return false;
}

// A listener closure and the element it is registered on.
struct Listener {
  uint32_t element;
  uint32_t closure;
};

// Every (element, closure) pair of listeners on detached elements, in
// element order. Each non-DOM native node is walked from one element only.
std::vector<Listener> CollectListeners(const LeakContext& ctx, const DetachedListenerOptions& options) {
  const graph::Graph& graph = ctx.graph;
  const graph::HeapAnalysis& analysis = ctx.analysis;
  const uint32_t n = graph.node_count();
  const uint8_t native = graph.node_types().native, closure = graph.node_types().closure,
                weak = graph.edge_types().weak;
  std::vector<Listener> listeners;
  std::vector<uint8_t> visited(n, 0);
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // Node, depth.
  for (uint32_t element = 0; element < n; ++element) {
    if (!IsDetachedDomNode(graph, analysis, element) || !IsDomElementName(graph.node_name(element))) continue;
    stack.assign(1, {element, 0});
    while (!stack.empty()) {
      const auto [node, depth] = stack.back();
      stack.pop_back();
      const bool is_listener = graph.node_name(node).find("EventListener") != std::string_view::npos;
      for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
        if (graph.edge_type(edge) == weak) continue;
        const uint32_t to = graph.edge_to_node(edge);
        if (graph.node_type(to) == closure) {
          if (is_listener && node != element) listeners.push_back(Listener{element, to});
          continue;
        }
        if (visited[to] || graph.node_type(to) != native || depth + 1 > options.max_depth ||
            analysis.detachedness[to] == graph::kAttached || IsDomNodeName(graph.node_name(to))) {
          continue;
        }
        visited[to] = 1;
        stack.emplace_back(to, depth + 1);
      }
    }
  }
  return listeners;
}

}  // namespace

std::vector<Finding> FindDetachedListeners(const LeakContext& ctx, const DetachedListenerOptions& options) {
  const graph::Graph& graph = ctx.graph;
  const graph::HeapAnalysis& analysis = ctx.analysis;
  std::vector<Finding> findings;
  if (analysis.detachedness.size() != graph.node_count() ||
      analysis.dominators.retained_size.size() != graph.node_count()) {
    return findings;
  }
  const std::vector<Listener> listeners = CollectListeners(ctx, options);

  // Group by function (name and source place) and element shape.
  struct Variable {
    std::unordered_set<uint32_t> values;
    uint64_t size = 0;
    uint32_t first = kNoNode;
  };
  struct Group {
    std::vector<uint32_t> closures;
    std::unordered_set<uint32_t> seen;
    std::unordered_set<uint32_t> contexts;  // Walked already: closures often share outer contexts.
    std::string element;
    std::map<std::string, Variable> variables;
  };
  // Contexts are retained by every closure made in them: test each once.
  std::unordered_map<uint32_t, bool> script_context;
  auto is_script_context = [&](uint32_t context) {
    auto [it, added] = script_context.emplace(context, false);
    if (added) it->second = IsScriptContext(graph, ctx.retainers, context);
    return it->second;
  };
  std::unordered_map<std::string, size_t> group_of;
  std::vector<Group> groups;
  const uint8_t internal = graph.edge_types().internal, context_edge = graph.edge_types().context;
  for (const Listener& listener : listeners) {
    const std::optional<SourcePlace> place = FindSourcePlace(graph, ctx.scripts, listener.closure);
    const std::string element = NormalizeDomName(graph.node_name(listener.element));
    std::string key = StrCat(graph.node_name(listener.closure), "\n", place ? place->ToString() : "", "\n", element);
    auto [it, added] = group_of.emplace(std::move(key), groups.size());
    if (added) groups.push_back(Group{{}, {}, {}, element, {}});
    Group& group = groups[it->second];
    if (!group.seen.insert(listener.closure).second) continue;  // On two elements of one shape.
    group.closures.push_back(listener.closure);
    // Captured variables, the closure's own context outward, without the script context.
    uint32_t context = FollowNamedEdge(graph, listener.closure, internal, "context");
    for (uint32_t hop = 0; hop < options.max_contexts && IsContext(graph, context); ++hop) {
      if (!group.contexts.insert(context).second || is_script_context(context)) break;
      const uint32_t previous = FollowNamedEdge(graph, context, internal, "previous");
      for (uint32_t edge = graph.first_edge(context); edge < graph.first_edge(context + 1); ++edge) {
        if (graph.edge_type(edge) != context_edge || graph.edge_name(edge) == "this") continue;
        const uint32_t value = graph.edge_to_node(edge);
        Variable& variable = group.variables[std::string(graph.edge_name(edge))];
        if (!variable.values.insert(value).second) continue;
        variable.size += analysis.dominators.retained_size[value];
        if (variable.first == kNoNode) variable.first = value;
      }
      context = previous;
    }
  }

  for (Group& group : groups) {
    Finding finding;
    finding.kind = FindingKind::kDetachedListener;
    finding.priority = FindingPriority::kHigh;
    const uint32_t representative = group.closures.front();
    std::string_view function = graph.node_name(representative);
    finding.subject = StrCat(function.empty() ? std::string_view("(anonymous)") : function,
                             " listener on detached ", group.element);
    finding.count = group.closures.size();
    finding.retained_size = CombinedRetainedSize(graph, analysis, group.closures);
    if (finding.retained_size < options.min_retained_size) continue;
    finding.representative = representative;
    finding.members = group.closures;
    finding.path = ctx.paths.ShortestPath(representative);
    finding.place = FindSourcePlace(graph, ctx.scripts, representative);
    for (const auto& [name, variable] : group.variables) {
      finding.items.push_back(FindingItem{name, variable.first, variable.values.size(), variable.size});
    }
    std::stable_sort(finding.items.begin(), finding.items.end(),
                     [](const FindingItem& a, const FindingItem& b) { return a.size > b.size; });
    if (finding.items.size() > options.max_items) finding.items.resize(options.max_items);
    findings.push_back(std::move(finding));
  }
  return findings;
}

}  // namespace heapsleuth::analysis
