// Reverse edges (retainers), built on demand.
//
// The graph itself keeps only forward edges: the summary's analyses need no
// retainer of every edge, and at 8 bytes per edge the index is the largest
// thing in memory after the edges themselves. Tools that walk towards the
// roots (retainer paths, inspect) build it once:
//
//   first_retainer [n0|n1|n2|...|E]  node i's retainers: [first(i), first(i + 1))
//   retainer_edge  [e ,e ,e ,...]    the retaining edge's ordinal
//   retainer_node  [s ,s ,s ,...]    the retaining edge's source ordinal
//
// A node's retainers are listed in reverse file order of their edges: that is
// DevTools' order (HeapSnapshot.buildRetainers), so walks visit them as
// DevTools does. The binary index file stores the three columns, and a heap
// reopened from it carries them (HeapAnalysis::retainers, RetainersOf), so
// those tools skip the build; the columns then view the mapping.
#ifndef HEAPSLEUTH_LIB_GRAPH_RETAINERS_H_
#define HEAPSLEUTH_LIB_GRAPH_RETAINERS_H_

#include <cstdint>
#include <vector>

#include "lib/base/column.h"
#include "lib/graph/graph.h"

namespace heapsleuth::graph {

class Retainers {
 public:
  static Retainers Build(const Graph& graph);
  // From stored columns (first: node_count + 1 entries; edge, node: one per
  // edge). The caller has checked them.
  static Retainers FromColumns(Column<uint32_t> first, Column<uint32_t> edge, Column<uint32_t> node) {
    Retainers retainers;
    retainers.first_ = std::move(first);
    retainers.edge_ = std::move(edge);
    retainers.node_ = std::move(node);
    return retainers;
  }

  uint32_t first(uint32_t node) const { return first_[node]; }
  uint32_t count(uint32_t node) const { return first_[node + 1] - first_[node]; }
  uint32_t edge(uint32_t retainer) const { return edge_[retainer]; }
  uint32_t node(uint32_t retainer) const { return node_[retainer]; }

  const Column<uint32_t>& first_column() const { return first_; }
  const Column<uint32_t>& edge_column() const { return edge_; }
  const Column<uint32_t>& node_column() const { return node_; }

 private:
  Column<uint32_t> first_, edge_, node_;
};

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_RETAINERS_H_
