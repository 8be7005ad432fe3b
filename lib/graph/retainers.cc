#include "lib/graph/retainers.h"

namespace heapsleuth::graph {

Retainers Retainers::Build(const Graph& graph) {
  // As DevTools' buildRetainers: count, prefix-sum, then fill each node's
  // slice from its end, so that later edges come first.
  const uint32_t node_count = graph.node_count();
  const uint32_t edge_count = graph.edge_count();
  std::vector<uint32_t> first(static_cast<size_t>(node_count) + 1, 0);
  std::vector<uint32_t> retainer_edge(edge_count), retainer_node(edge_count);
  for (uint32_t edge = 0; edge < edge_count; ++edge) ++first[graph.edge_to_node(edge)];
  uint32_t sum = 0;
  for (uint32_t node = 0; node <= node_count; ++node) {
    sum += first[node];
    first[node] = sum;  // End of the node's slice, for now.
  }
  for (uint32_t node = 0; node < node_count; ++node) {
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      const uint32_t slot = --first[graph.edge_to_node(edge)];
      retainer_edge[slot] = edge;
      retainer_node[slot] = node;
    }
  }
  // Each slice was filled from its end down to its start, where first now
  // points, so the last edge in file order comes first.
  return FromColumns(std::move(first), std::move(retainer_edge), std::move(retainer_node));
}

}  // namespace heapsleuth::graph
