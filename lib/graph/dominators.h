// The dominator tree and retained sizes, as DevTools computes them.
//
// Algorithm: Lengauer & Tarjan, "A fast algorithm for finding dominators in a
// flowgraph" (TOPLAS 1979), the simple version with path compression, made
// iterative (explicit stacks) so that millions of nodes cannot overflow the C++
// stack. It mirrors DevTools' HeapSnapshot.calculateDominatorsAndRetainedSizes
// step for step, because DevTools' answer for unreachable nodes depends on its
// exact procedure: after the DFS from the root, every unvisited node with no
// essential retainer becomes a child of the root and is searched from; nodes
// still unvisited (cliques retained only by each other) are attached to the
// root one by one. Only essential edges (essential_edges.h) are followed.
//
// Retained size = own shallow size + the retained sizes of the nodes it
// immediately dominates, summed in reverse DFS order. The root dominates
// itself. Scratch memory at the peak: six 32-bit arrays of node_count + 1
// entries and one entry per essential edge into a node that has more than one
// (the predecessors; a node's only predecessor is its DFS parent).
#ifndef HEAPSLEUTH_LIB_GRAPH_DOMINATORS_H_
#define HEAPSLEUTH_LIB_GRAPH_DOMINATORS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "lib/base/column.h"
#include "lib/base/progress.h"
#include "lib/graph/graph.h"

namespace heapsleuth::graph {

// Columns (lib/base/column.h): views of the mapping when reopened from the
// index file.
struct DominatorTree {
  Column<uint32_t> dominator;      // Immediate dominator ordinal; the root's is the root.
  Column<uint32_t> dfs_order;      // Ordinals in DFS order: dominators come first.
  Column<uint64_t> retained_size;  // Per node, in bytes; filled by AddRetainedSizes.
};

// The tree's downward edges, CSR: the nodes `node` immediately dominates are
// children[first_child[node] .. first_child[node + 1]), in ordinal order.
struct DominatedNodes {
  std::vector<uint32_t> first_child;
  std::vector<uint32_t> children;
};

DominatedNodes BuildDominatedNodes(const DominatorTree& tree, uint32_t root);

// Needs no sizes, so it can run while shallow sizes are being computed.
DominatorTree ComputeDominatorTree(const Graph& graph, const std::vector<bool>& essential_edges, Progress& progress);

// Fills tree.retained_size from the shallow sizes.
void AddRetainedSizes(std::span<const uint64_t> shallow_sizes, DominatorTree& tree);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_DOMINATORS_H_
