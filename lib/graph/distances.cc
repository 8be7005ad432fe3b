#include "lib/graph/distances.h"

#include <cmath>
#include <string>
#include <unordered_set>

#include "lib/base/js_string.h"
#include "lib/graph/roots.h"
#include "lib/graph/weak_map_edges.h"

namespace heapsleuth::graph {
namespace {

// DevTools' distance filter: whether BFS may step from `node` along `edge`.
// Stateful: the first edge of each WeakMap ephemeron pair is held back.
class DistanceEdgeFilter {
 public:
  DistanceEdgeFilter(const Graph& graph, const std::vector<bool>& weak_map_edges)
      : graph_(graph), weak_map_edges_(weak_map_edges) {}

  bool Allows(uint32_t node, uint32_t edge) {
    if (DistanceFilterSkips(graph_, node, edge)) return false;
    if (weak_map_edges_[edge]) {
      std::optional<WeakMapEdgeName> match = ParseWeakMapEdgeName(graph_.edge_name(edge));
      if (match) {
        auto [it, inserted] = pending_ephemerons_.insert(match->duplicated_part);
        if (inserted) return false;
        pending_ephemerons_.erase(it);
      }
    }
    return true;
  }

 private:
  const Graph& graph_;
  const std::vector<bool>& weak_map_edges_;
  std::unordered_set<std::string_view> pending_ephemerons_;
};

void BreadthFirst(const Graph& graph, std::vector<uint32_t>& queue, size_t head,
                  std::vector<int32_t>& distances, DistanceEdgeFilter& filter, bool include_weak) {
  const uint8_t weak = include_weak ? kNoType : graph.edge_types().weak;
  while (head < queue.size()) {
    const uint32_t node = queue[head++];
    const int32_t distance = distances[node] + 1;
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (graph.edge_type(edge) == weak) continue;
      const uint32_t target = graph.edge_to_node(edge);
      if (distances[target] != kUnreachableDistance) continue;
      if (!filter.Allows(node, edge)) continue;
      distances[target] = distance;
      queue.push_back(target);
    }
  }
}

}  // namespace

bool DistanceFilterSkips(const Graph& graph, uint32_t node, uint32_t edge) {
  const NodeTypes& nt = graph.node_types();
  const uint8_t node_type = graph.node_type(node);
  // The node's name first: it is one of few strings, while reading every
  // hidden node's edge names would touch most of that column.
  if (node_type == nt.hidden && graph.node_name(node) == "system / NativeContext" && graph.edge_has_string_name(edge) &&
      graph.edge_name(edge) == "sloppy_function_map") {
    return true;
  }
  if (node_type == nt.array && graph.node_name(node) == "(map descriptors)") {
    // Entries are [count, enum cache, then (key, details, value) x n]:
    // skip the value slots, which maps sharing the array may not own.
    std::optional<double> index = graph.edge_has_string_name(edge)
                                      ? ParseIntJs(graph.edge_name(edge))
                                      : std::optional<double>(graph.edge_name_or_index(edge));
    if (!index) return false;  // parseInt gave NaN: NaN % 3 !== 1.
    return *index >= 2 && std::fmod(*index, 3.0) == 1;
  }
  return false;
}

std::vector<int32_t> ComputeDistances(const Graph& graph, DistanceOptions options) {
  std::vector<int32_t> distances(graph.node_count(), kUnreachableDistance);
  std::vector<uint32_t> queue;
  queue.reserve(graph.node_count());
  std::vector<bool> found_weak_map_edges;
  if (options.weak_map_edges == nullptr) found_weak_map_edges = FindWeakMapEdges(graph);
  DistanceEdgeFilter filter(graph, options.weak_map_edges != nullptr ? *options.weak_map_edges : found_weak_map_edges);
  const uint32_t root = graph.root();
  for (uint32_t edge = graph.first_edge(root); edge < graph.first_edge(root + 1); ++edge) {
    const uint32_t target = graph.edge_to_node(edge);
    if (IsUserRoot(graph, target)) {
      distances[target] = 1;
      queue.push_back(target);
    }
  }
  const bool had_user_roots = !queue.empty();
  BreadthFirst(graph, queue, 0, distances, filter, options.include_weak);

  distances[root] = had_user_roots ? kBaseSystemDistance : 0;
  queue.clear();
  queue.push_back(root);
  BreadthFirst(graph, queue, 0, distances, filter, options.include_weak);
  return distances;
}

}  // namespace heapsleuth::graph
