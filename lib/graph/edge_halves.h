// Runs a pass over the edges on both cores: the edges split in two halves,
// one for another thread and one for the caller.
//
// For the passes that give one bit per edge (weak-map edges, essential
// edges): a std::vector<bool> packs 64 bits to a word, and two threads may
// not write bits of the same word, so the halves meet at a multiple of 64.
// Each half gets the node that owns its first edge, for passes that need an
// edge's source.
#ifndef HEAPSLEUTH_LIB_GRAPH_EDGE_HALVES_H_
#define HEAPSLEUTH_LIB_GRAPH_EDGE_HALVES_H_

#include <algorithm>
#include <cstdint>
#include <future>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

// Calls pass(first_edge, end_edge, first_node) for [0, h) on another thread
// and [h, edge_count) on this one, where first_node owns first_edge (the
// last node whose edges start at or before it), and returns when both are
// done. Graphs of fewer than `split_from` edges are one call on this thread
// (a thread costs more than a small pass; tests split small graphs).
template <typename Pass>
void ForEdgeHalves(const Graph& graph, Pass&& pass, uint32_t split_from = 1u << 20) {
  const uint32_t edge_count = graph.edge_count();
  const uint32_t half = (edge_count / 2) & ~uint32_t{63};
  if (edge_count < split_from || half == 0) {
    pass(uint32_t{0}, edge_count, uint32_t{0});
    return;
  }
  const auto& first_edge = graph.first_edge_column();
  // The last node whose edges start at or before `half` (nodes with no edges
  // share their start with the next node).
  const uint32_t owner = static_cast<uint32_t>(
      std::upper_bound(first_edge.begin(), first_edge.begin() + graph.node_count(), half) - first_edge.begin() - 1);
  std::future<void> first = std::async(std::launch::async, [&] { pass(uint32_t{0}, half, uint32_t{0}); });
  pass(half, edge_count, owner);
  first.get();
}

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_EDGE_HALVES_H_
