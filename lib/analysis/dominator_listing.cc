#include "lib/analysis/dominator_listing.h"

#include <algorithm>

namespace heapsleuth::analysis {
namespace {

struct Lister {
  const graph::HeapAnalysis& analysis;
  const graph::DominatedNodes& dominated;
  const std::vector<uint32_t>& subtree_size;
  const DominatorListingOptions& options;

  DominatorRow Row(uint32_t node, uint32_t level) const {
    DominatorRow row;
    row.node = node;
    const uint32_t begin = dominated.first_child[node], end = dominated.first_child[node + 1];
    row.child_count = end - begin;
    row.dominated_count = subtree_size[node] - 1;
    if (level >= options.depth) {
      row.omitted_count = row.child_count;
      for (uint32_t i = begin; i < end; ++i) row.omitted_retained_size += Retained(dominated.children[i]);
      return row;
    }
    row.expanded = true;
    std::vector<uint32_t> children(dominated.children.begin() + begin, dominated.children.begin() + end);
    std::sort(children.begin(), children.end(),
              [&](uint32_t a, uint32_t b) { return Retained(a) != Retained(b) ? Retained(a) > Retained(b) : a < b; });
    for (uint32_t child : children) {
      const bool listed =
          Retained(child) >= options.min_size && (options.limit == 0 || row.children.size() < options.limit);
      if (listed) {
        row.children.push_back(Row(child, level + 1));
      } else {
        ++row.omitted_count;
        row.omitted_retained_size += Retained(child);
      }
    }
    return row;
  }

  uint64_t Retained(uint32_t node) const { return analysis.dominators.retained_size[node]; }
};

}  // namespace

DominatorListing ListDominators(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t start,
                                const DominatorListingOptions& options) {
  const graph::DominatorTree& tree = analysis.dominators;
  const graph::DominatedNodes dominated = graph::BuildDominatedNodes(tree, graph.root());
  // Subtree sizes, children before their dominators (reverse DFS order).
  std::vector<uint32_t> subtree_size(graph.node_count(), 1);
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    if (node != graph.root()) subtree_size[tree.dominator[node]] += subtree_size[node];
  }
  DominatorListing listing;
  listing.total_size = tree.retained_size[graph.root()] + graph.extra_native_bytes();
  listing.top = Lister{analysis, dominated, subtree_size, options}.Row(start, 0);
  return listing;
}

}  // namespace heapsleuth::analysis
