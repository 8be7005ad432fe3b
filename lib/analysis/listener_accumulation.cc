#include "lib/analysis/listener_accumulation.h"

#include <algorithm>

#include "lib/analysis/finding_support.h"
#include "lib/analysis/snapshot_series.h"
#include "lib/base/str_cat.h"

namespace heapsleuth::analysis {
namespace {

// The listener closures of one event: the value itself, or an Array's
// closure elements.
std::vector<uint32_t> Listeners(const graph::Graph& graph, uint32_t holder) {
  std::vector<uint32_t> out;
  const uint8_t closure = graph.node_types().closure;
  if (graph.node_type(holder) == closure) {
    out.push_back(holder);
    return out;
  }
  if (graph.node_type(holder) != graph.node_types().object) return out;
  for (uint32_t edge = graph.first_edge(holder); edge < graph.first_edge(holder + 1); ++edge) {
    if (graph.edge_type(edge) == graph.edge_types().element && graph.node_type(graph.edge_to_node(edge)) == closure) {
      out.push_back(graph.edge_to_node(edge));
    }
  }
  return out;
}

// The function a listener stands for: `once` registers a bound function
// (named native_bind in node 20) whose property `listener` is the one the
// program gave; other listeners are themselves.
uint32_t Unwrap(const graph::Graph& graph, uint32_t listener) {
  const uint32_t inner = FollowNamedEdge(graph, listener, "listener");
  if (inner != kNoNode && graph.node_type(inner) == graph.node_types().closure) return inner;
  return listener;
}

// Calls `visit(emitter, event name, holder)` for every event of every
// emitter, and `visit(emitter, "", kNoNode)` once per emitter first.
template <typename Visit>
void ForEachEvent(const graph::Graph& graph, Visit visit) {
  const uint8_t object = graph.node_types().object;
  const uint8_t property = graph.edge_types().property;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != object) continue;
    uint32_t events = kNoNode;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) == property && graph.edge_name(edge) == "_events") {
        events = graph.edge_to_node(edge);
        break;
      }
    }
    if (events == kNoNode || graph.node_type(events) != object) continue;
    visit(node, std::string_view(), kNoNode);
    for (uint32_t edge = graph.first_edge(events); edge < graph.first_edge(events + 1); ++edge) {
      if (graph.edge_type(edge) != property || graph.edge_name(edge) == "__proto__") continue;
      visit(node, graph.edge_name(edge), graph.edge_to_node(edge));
    }
  }
}

}  // namespace

void ListenerAccumulation::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& /*analysis*/) {
  const size_t index = snapshots_++;
  ForEachEvent(graph, [&](uint32_t emitter, std::string_view event, uint32_t holder) {
    const NodeId emitter_id = graph.node_id(emitter);
    if (holder == kNoNode) {
      first_seen_.try_emplace(emitter_id, static_cast<uint32_t>(index));
      return;
    }
    std::pair<NodeId, std::string> key(emitter_id, std::string(event));
    auto it = tracked_.find(key);
    if (it == tracked_.end()) {
      // An event first seen now had no listener before.
      it = tracked_.emplace(std::move(key), Tracked{}).first;
      it->second.counts.assign(index, 0);
    }
    Tracked& tracked = it->second;
    if (tracked.counts.size() != index) return;  // Listed twice: the first wins.
    tracked.counts.push_back(Listeners(graph, holder).size());
    tracked.last_holder = holder;
    tracked.last_holder_id = graph.node_id(holder);
    tracked.last_emitter = emitter;
  });
  // An event with no listener left disappears from `_events`: counted 0.
  // (Kept, not erased, so that a later reappearance is not taken as new.)
  for (auto& [key, tracked] : tracked_) {
    if (tracked.counts.size() == index) {
      tracked.counts.push_back(0);
      tracked.last_holder = kNoNode;
    }
  }
}

std::vector<Finding> ListenerAccumulation::Findings(const LeakContext& ctx) const {
  std::vector<Finding> findings;
  if (snapshots_ < 2) return findings;
  const graph::Graph& graph = ctx.graph;
  for (const auto& [key, tracked] : tracked_) {
    if (!GrowsEveryStep(tracked.counts)) continue;
    // The emitter must have been seen twice: one snapshot shows no growth.
    auto seen = first_seen_.find(key.first);
    if (seen == first_seen_.end() || snapshots_ - seen->second < 2) continue;
    if (GrowthPerStep(tracked.counts) < static_cast<double>(options_.min_growth_per_step)) continue;
    const uint32_t holder = tracked.last_holder;
    if (holder >= graph.node_count() || graph.node_id(holder) != tracked.last_holder_id) continue;
    const std::vector<uint32_t> listeners = Listeners(graph, holder);
    if (listeners.empty()) continue;
    const uint32_t last = Unwrap(graph, listeners.back());
    Finding finding;
    finding.kind = FindingKind::kListenerAccumulation;
    finding.priority = FindingPriority::kHigh;
    const std::string emitter_class =
        tracked.last_emitter < graph.node_count() ? ctx.analysis.class_names.of(tracked.last_emitter) : "EventEmitter";
    finding.subject = StrCat(emitter_class, " '", key.second, "' → ", FunctionName(graph, ctx.analysis, last));
    finding.count = listeners.size();
    finding.retained_size = CombinedRetainedSize(graph, ctx.analysis, listeners);
    finding.representative = last;
    finding.members = listeners;
    finding.path = ctx.paths.ShortestPath(last);
    finding.place = FindSourcePlace(graph, ctx.scripts, last);
    finding.series = tracked.counts;
    finding.series_unit = "listeners";
    // The listener functions by name, then what the last one captures.
    std::map<std::string, FindingItem> functions;
    for (uint32_t listener : listeners) {
      const std::string name = FunctionName(graph, ctx.analysis, Unwrap(graph, listener));
      FindingItem& item = functions[name];
      if (item.label.empty()) item = FindingItem{name, listener, 0, 0};
      ++item.count;
      item.size += ctx.analysis.dominators.retained_size[listener];
    }
    for (auto& [name, item] : functions) finding.items.push_back(std::move(item));
    std::stable_sort(finding.items.begin(), finding.items.end(),
                     [](const FindingItem& a, const FindingItem& b) { return a.count > b.count; });
    for (FindingItem& captured : CapturedVariables(graph, ctx.analysis, last)) {
      // "the last onTick captures bigArray 800 kB": one listener's capture, not a count.
      captured.label = StrCat("the last ", FunctionName(graph, ctx.analysis, last), " captures ", captured.label);
      captured.count = 0;
      finding.items.push_back(std::move(captured));
    }
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
