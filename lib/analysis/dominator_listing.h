// The dominator tree, top-down, for reading: what each object keeps alive.
//
// From the root or any node, the nodes it immediately dominates sorted by
// retained size (descending; then file order), expanded `depth` levels down.
// Each row has the node's retained size (DevTools', exactly), how many nodes
// it immediately dominates and how many it dominates in all (its dominator
// subtree, itself excluded): freeing the node frees exactly those. Children
// below `min_size` or beyond `limit` are not listed but counted, with their
// retained size, in `omitted_*`.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_LISTING_H_
#define HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_LISTING_H_

#include <cstdint>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct DominatorListingOptions {
  uint32_t depth = 3;     // Levels below the start node (0: the start node alone).
  uint64_t min_size = 0;  // Smallest retained size listed.
  uint32_t limit = 0;     // Most children listed per node (0: all).
};

struct DominatorRow {
  uint32_t node = 0;
  uint32_t child_count = 0;      // Nodes it immediately dominates.
  uint64_t dominated_count = 0;  // Nodes in its dominator subtree, itself excluded.
  bool expanded = false;         // Whether its children were considered (within depth).
  std::vector<DominatorRow> children;
  uint32_t omitted_count = 0;  // Immediately dominated nodes not listed.
  uint64_t omitted_retained_size = 0;
};

struct DominatorListing {
  uint64_t total_size = 0;  // DevTools' total: the root's retained size plus extra native bytes.
  DominatorRow top;
};

DominatorListing ListDominators(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t start,
                                const DominatorListingOptions& options);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_LISTING_H_
