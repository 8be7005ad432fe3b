#include "lib/graph/essential_edges.h"

#include "lib/graph/edge_halves.h"
#include "lib/graph/weak_map_edges.h"

namespace heapsleuth::graph {

std::vector<bool> ComputeEssentialEdges(const Graph& graph, const std::vector<uint8_t>& page_owned,
                                        const std::vector<bool>& weak_map_edges) {
  const EdgeTypes& et = graph.edge_types();
  const uint32_t root = graph.root();
  std::vector<bool> essential(graph.edge_count(), false);
  ForEdgeHalves(graph, [&](uint32_t first_edge, uint32_t end_edge, uint32_t node) {
    for (uint32_t edge = first_edge; edge < end_edge; ++edge) {
      while (edge >= graph.first_edge(node + 1)) ++node;
      const uint8_t type = graph.edge_type(edge);
      if (weak_map_edges[edge]) {
        std::optional<WeakMapEdgeName> match = ParseWeakMapEdgeName(graph.edge_name(edge));
        if (match && match->table_id == graph.node_id(node)) continue;
      }
      if (type == et.weak) continue;
      const uint32_t target = graph.edge_to_node(edge);
      if (target == node) continue;
      if (node != root) {
        if (type == et.shortcut) continue;
        if (page_owned[target] && !page_owned[node]) continue;
      }
      essential[edge] = true;
    }
  });
  return essential;
}

}  // namespace heapsleuth::graph
