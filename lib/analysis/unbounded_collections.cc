#include "lib/analysis/unbounded_collections.h"

#include <algorithm>
#include <charconv>

#include "lib/analysis/finding_support.h"
#include "lib/analysis/snapshot_series.h"
#include "lib/base/str_cat.h"
#include "lib/graph/distances.h"

namespace heapsleuth::analysis {
namespace {

// The slot number of a numbered internal edge ("131"), or nullopt.
std::optional<uint32_t> SlotNumber(const graph::Graph& graph, uint32_t edge) {
  if (graph.edge_type(edge) != graph.edge_types().internal) return std::nullopt;
  const std::string_view name = graph.edge_name(edge);
  uint32_t slot = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), slot);
  if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
  return slot;
}

// Map entries: numbered slots paired into entries of three, for the two
// possible offsets of the entries (see the header); the smaller count.
uint64_t CountMapEntries(const graph::Graph& graph, uint32_t table) {
  uint64_t entries[2] = {0, 0};
  int64_t last_entry[2] = {-1, -1};
  for (uint32_t edge = graph.first_edge(table); edge < graph.first_edge(table + 1); ++edge) {
    const std::optional<uint32_t> slot = SlotNumber(graph, edge);
    if (!slot) continue;
    for (int offset = 1; offset <= 2; ++offset) {
      // Slots arrive in increasing order (V8 walks the table front to back).
      const int64_t entry = (static_cast<int64_t>(*slot) + 3 - offset) / 3;
      if (entry != last_entry[offset - 1]) {
        ++entries[offset - 1];
        last_entry[offset - 1] = entry;
      }
    }
  }
  return std::min(entries[0], entries[1]);
}

uint64_t CountNumberedSlots(const graph::Graph& graph, uint32_t table) {
  uint64_t count = 0;
  for (uint32_t edge = graph.first_edge(table); edge < graph.first_edge(table + 1); ++edge) {
    if (SlotNumber(graph, edge)) ++count;
  }
  return count;
}

// The objects a collection holds, for TopClasses.
std::vector<uint32_t> ElementNodes(const graph::Graph& graph, CollectionKind kind, uint32_t node) {
  std::vector<uint32_t> out;
  const graph::EdgeTypes& types = graph.edge_types();
  uint32_t from = node;
  if (kind == CollectionKind::kMap || kind == CollectionKind::kSet) from = FollowNamedEdge(graph, node, "table");
  if (from == kNoNode) return out;
  for (uint32_t edge = graph.first_edge(from); edge < graph.first_edge(from + 1); ++edge) {
    const uint8_t type = graph.edge_type(edge);
    const bool element = kind == CollectionKind::kArray ? type == types.element
                         : kind == CollectionKind::kDictionary
                             ? type == types.property && graph.edge_name(edge) != "__proto__"
                             : SlotNumber(graph, edge).has_value();
    if (element) out.push_back(graph.edge_to_node(edge));
  }
  return out;
}

std::string_view KindName(CollectionKind kind) {
  switch (kind) {
    case CollectionKind::kArray:
      return "Array";
    case CollectionKind::kMap:
      return "Map";
    case CollectionKind::kSet:
      return "Set";
    case CollectionKind::kDictionary:
      return "dictionary";
  }
  return "collection";
}

}  // namespace

std::optional<std::pair<CollectionKind, uint64_t>> CountCollectionElements(const graph::Graph& graph,
                                                                           const graph::HeapAnalysis& analysis,
                                                                           uint32_t node) {
  if (node >= graph.node_count() || graph.node_type(node) != graph.node_types().object) return std::nullopt;
  const std::string& name = analysis.class_names.of(node);
  const graph::EdgeTypes& types = graph.edge_types();
  if (name == "Array") {
    uint64_t count = 0;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) == types.element) ++count;
    }
    return std::pair(CollectionKind::kArray, count);
  }
  if (name == "Map" || name == "Set") {
    const uint32_t table = FollowNamedEdge(graph, node, "table");
    if (table == kNoNode) return std::nullopt;
    if (name == "Map") return std::pair(CollectionKind::kMap, CountMapEntries(graph, table));
    return std::pair(CollectionKind::kSet, CountNumberedSlots(graph, table));
  }
  if (name != "Object" && !name.starts_with('{')) return std::nullopt;
  const uint32_t store = FollowNamedEdge(graph, node, "properties");
  if (store == kNoNode || graph.node_name(store) != "(object properties)") return std::nullopt;
  uint64_t count = 0;
  for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
    if (graph.edge_type(edge) == types.property && graph.edge_name(edge) != "__proto__") ++count;
  }
  return std::pair(CollectionKind::kDictionary, count);
}

void UnboundedCollections::AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis) {
  const size_t index = snapshots_++;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    if (graph.node_type(node) != graph.node_types().object) continue;
    const NodeId id = graph.node_id(node);
    if (dropped_.contains(id)) continue;
    const auto counted = CountCollectionElements(graph, analysis, node);
    if (!counted) continue;
    auto [it, added] = tracked_.try_emplace(id);
    Tracked& tracked = it->second;
    if (added) {
      // Not there before: it had no elements then.
      tracked.first_seen = static_cast<uint32_t>(index);
      tracked.counts.assign(index, 0);
    }
    if (tracked.counts.size() != index) continue;  // Listed twice: the first wins.
    tracked.kind = counted->first;
    tracked.counts.push_back(counted->second);
    tracked.last_node = node;
  }
  // Keep what is still there and has grown at every step so far; what is
  // dropped is remembered, so that it does not come back as new.
  std::erase_if(tracked_, [&](const auto& entry) {
    const std::vector<uint64_t>& counts = entry.second.counts;
    const bool keep = counts.size() == index + 1 && (index == 0 || counts[index] > counts[index - 1]);
    if (!keep) dropped_.insert(entry.first);
    return !keep;
  });
}

std::vector<Finding> UnboundedCollections::Findings(const LeakContext& ctx) const {
  std::vector<Finding> findings;
  if (snapshots_ < 2) return findings;
  for (const auto& [id, tracked] : tracked_) {
    if (!GrowsEveryStep(tracked.counts) || snapshots_ - tracked.first_seen < 2) continue;
    if (GrowthPerStep(tracked.counts) < static_cast<double>(options_.min_growth_per_step)) continue;
    const uint32_t node = tracked.last_node;
    if (node >= ctx.graph.node_count() || ctx.graph.node_id(node) != id) continue;
    const int32_t distance = ctx.analysis.distance[node];
    if (distance < 0 || distance >= graph::kBaseSystemDistance) continue;  // Only the system reaches it.
    Finding finding;
    finding.kind = FindingKind::kUnboundedCollection;
    finding.priority = FindingPriority::kHigh;
    finding.count = tracked.counts.back();
    finding.retained_size = ctx.analysis.dominators.retained_size[node];
    finding.representative = node;
    finding.members = {node};
    finding.path = ctx.paths.ShortestPath(node);
    std::string name = finding.path ? PathExpression(ctx.graph, *finding.path) : std::string();
    if (name.empty()) name = StrCat(KindName(tracked.kind), " @", id);
    finding.subject = name;
    finding.series = tracked.counts;
    finding.series_unit = "elements";
    finding.items = TopClasses(ctx.graph, ctx.analysis, ElementNodes(ctx.graph, tracked.kind, node));
    // Where to look: the collection's own constructor when V8 recorded one,
    // else that of its most common elements (LeakyRecord's class).
    finding.place = FindSourcePlace(ctx.graph, ctx.scripts, node);
    for (size_t i = 0; !finding.place && i < finding.items.size(); ++i) {
      if (finding.items[i].node != kNoNode) {
        finding.place = FindSourcePlace(ctx.graph, ctx.scripts, finding.items[i].node);
      }
    }
    findings.push_back(std::move(finding));
  }
  RankFindings(findings);
  return findings;
}

}  // namespace heapsleuth::analysis
