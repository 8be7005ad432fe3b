#include "lib/graph/retainers.h"

namespace heapsleuth::graph {

Retainers Retainers::Build(const Graph& graph) {
  // As DevTools' buildRetainers: count, prefix-sum, then fill each node's
  // slice from its end, so that later edges come first.
  const uint32_t node_count = graph.node_count();
  const uint32_t edge_count = graph.edge_count();
  Retainers retainers;
  retainers.first_.assign(static_cast<size_t>(node_count) + 1, 0);
  retainers.edge_.resize(edge_count);
  retainers.node_.resize(edge_count);
  for (uint32_t edge = 0; edge < edge_count; ++edge) ++retainers.first_[graph.edge_to_node(edge)];
  uint32_t sum = 0;
  for (uint32_t node = 0; node <= node_count; ++node) {
    sum += retainers.first_[node];
    retainers.first_[node] = sum;  // End of the node's slice, for now.
  }
  for (uint32_t node = 0; node < node_count; ++node) {
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      const uint32_t slot = --retainers.first_[graph.edge_to_node(edge)];
      retainers.edge_[slot] = edge;
      retainers.node_[slot] = node;
    }
  }
  // Each slice was filled from its end down to its start, where first_ now
  // points, so the last edge in file order comes first.
  return retainers;
}

}  // namespace heapsleuth::graph
