#include "lib/analysis/dominator_listing.h"

#include <algorithm>

namespace heapsleuth::analysis {
DominatorListing ListDominators(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t start,
                                const DominatorListingOptions& options) {
  const graph::DominatorTree& tree = analysis.dominators;
  graph::DominatedNodes dominated = graph::BuildDominatedNodes(tree, graph.root());
  // Subtree sizes, children before their dominators (reverse DFS order).
  std::vector<uint32_t> subtree_size(graph.node_count(), 1);
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    if (node != graph.root()) subtree_size[tree.dominator[node]] += subtree_size[node];
  }
  const auto& retained = tree.retained_size;
  auto larger = [&](uint32_t a, uint32_t b) { return retained[a] != retained[b] ? retained[a] > retained[b] : a < b; };

  DominatorListing listing;
  listing.total_size = retained[graph.root()] + graph.extra_native_bytes();
  // Appends `node`'s row; returns whether its children are to be walked.
  auto add_row = [&](uint32_t node, uint32_t level) {
    DominatorRow row;
    row.node = node;
    row.level = level;
    const uint32_t begin = dominated.first_child[node], end = dominated.first_child[node + 1];
    row.child_count = end - begin;
    row.dominated_count = subtree_size[node] - 1;
    row.expanded = level < options.depth;
    if (row.expanded) {
      // Each node is listed once, so its slice of the CSR can be ordered in
      // place. Past the first `limit` children every one is omitted, and the
      // omitted are only summed: ordering the first `limit` is enough (the
      // root of a big heap dominates millions, and sorting them all cost
      // more than reopening the index).
      const auto first = dominated.children.begin() + begin, last = dominated.children.begin() + end;
      const uint32_t listed = options.limit != 0 ? std::min(options.limit, end - begin) : end - begin;
      if (first + listed == last) {
        std::sort(first, last, larger);
      } else {
        std::partial_sort(first, first + listed, last, larger);
      }
    } else {
      row.omitted_count = row.child_count;
      for (uint32_t i = begin; i < end; ++i) row.omitted_retained_size += retained[dominated.children[i]];
    }
    listing.rows.push_back(row);
    return row.expanded;
  };
  // Explicit stack of expanded rows: the row, its next child, how many listed.
  struct Frame {
    size_t row;
    uint32_t next, end, listed;
  };
  std::vector<Frame> stack;
  if (add_row(start, 0)) stack.push_back({0, dominated.first_child[start], dominated.first_child[start + 1], 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.next == frame.end) {
      stack.pop_back();
      continue;
    }
    const uint32_t child = dominated.children[frame.next++];
    if (retained[child] < options.min_size || (options.limit != 0 && frame.listed >= options.limit)) {
      DominatorRow& parent = listing.rows[frame.row];
      ++parent.omitted_count;
      parent.omitted_retained_size += retained[child];
      continue;
    }
    ++frame.listed;
    const uint32_t level = listing.rows[frame.row].level + 1;
    if (add_row(child, level)) {
      stack.push_back({listing.rows.size() - 1, dominated.first_child[child], dominated.first_child[child + 1], 0});
    }
  }
  return listing;
}

}  // namespace heapsleuth::analysis
