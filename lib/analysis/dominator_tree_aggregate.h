// The dominator tree cut down to a bounded size for drawing (the report's
// treemap): the objects that retain the most, wherever they are in the tree,
// and under each of them merged entries ("N smaller Foo objects") standing
// for the children it immediately dominates that were not kept, one per
// class, at most kMaxMergedGroups (the smallest classes share the last one),
// so that an object with 500,000 small children still shows what they are.
//
// Selection is best-first by retained size (ties: file order): a max-heap of
// candidates starts with the root; the largest is kept and its dominated
// children become candidates. Since a child never retains more than its
// dominator, every kept node's dominator is kept, and the kept objects are
// the largest of the tree, each with its ancestors. A kept object costs one
// entry plus its most merged entries (min(children, kMaxMergedGroups)), so
// the result never exceeds `max_nodes` entries, whatever the heap's size.
//
// Invariant (tested): every kept object's retained size equals its own
// shallow size plus the retained sizes of its entries' children, merged
// node included, so a treemap drawn from it covers the heap exactly.
// Nodes come in pre-order, kept children by retained size (descending; then
// file order), then the merged entries, likewise, the group of mixed classes
// last; a node's parent precedes it.
//
// Cost: the dominated-nodes CSR and one subtree size per node (as
// dominator_listing.h), a candidate heap of at most the kept nodes'
// children, one bit per node.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_TREE_AGGREGATE_H_
#define HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_TREE_AGGREGATE_H_

#include <cstdint>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct DominatorTreeAggregateOptions {
  uint32_t max_nodes = 10000;  // Most entries, merged ones included (taken as at least 1 + kMaxMergedGroups).
  uint64_t min_size = 0;       // Objects retaining less are merged, whatever the room left.
};

inline constexpr uint32_t kNoEntry = UINT32_MAX;
// Most merged entries under one kept object.
inline constexpr uint32_t kMaxMergedGroups = 6;

struct AggregateEntry {
  // The object's ordinal; kNoEntry for a merged entry ("N smaller objects").
  uint32_t node = kNoEntry;
  // Index of the parent entry; kNoEntry for the root.
  uint32_t parent = kNoEntry;
  uint64_t retained_size = 0;    // The object's, or the sum over the merged objects.
  uint64_t dominated_count = 0;  // Objects in its dominator subtree(s), the object(s) itself excluded.
  uint32_t child_count = 0;      // Object: how many it immediately dominates. Merged: how many it stands for.
  // Merged: the class of all its objects (an index into ClassNames::names);
  // kNoEntry when they are of several classes, and for objects.
  uint32_t class_index = kNoEntry;
};

struct DominatorTreeAggregate {
  uint64_t total_size = 0;  // DevTools' total: the root's retained size plus extra native bytes.
  uint32_t kept_objects = 0;
  std::vector<AggregateEntry> entries;  // entries[0] is the root.
};

DominatorTreeAggregate AggregateDominatorTree(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                              const DominatorTreeAggregateOptions& options);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_DOMINATOR_TREE_AGGREGATE_H_
