#include "lib/analysis/dominator_tree_aggregate.h"

#include <algorithm>

namespace heapsleuth::analysis {

DominatorTreeAggregate AggregateDominatorTree(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                              const DominatorTreeAggregateOptions& options) {
  const graph::DominatorTree& tree = analysis.dominators;
  const std::vector<uint64_t>& retained = tree.retained_size;
  const uint32_t root = graph.root();
  graph::DominatedNodes dominated = graph::BuildDominatedNodes(tree, root);
  auto child_count = [&](uint32_t node) { return dominated.first_child[node + 1] - dominated.first_child[node]; };
  // Subtree sizes, children before their dominators (reverse DFS order).
  std::vector<uint64_t> subtree_size(graph.node_count(), 1);
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    if (node != root) subtree_size[tree.dominator[node]] += subtree_size[node];
  }
  auto larger = [&](uint32_t a, uint32_t b) { return retained[a] != retained[b] ? retained[a] > retained[b] : a < b; };

  // Best-first selection. `used` counts kept objects plus one merged node
  // for each kept object that dominates anything (an upper bound: a merged
  // node disappears when all its objects are kept).
  const uint64_t max_nodes = std::max<uint32_t>(options.max_nodes, 2);
  std::vector<bool> kept(graph.node_count(), false);
  // A max-heap (std::push_heap) of candidates: the largest is front().
  auto smaller = [&](uint32_t a, uint32_t b) { return larger(b, a); };
  std::vector<uint32_t> candidates = {root};
  uint64_t used = 0;
  uint32_t kept_objects = 0;
  while (!candidates.empty()) {
    const uint32_t node = candidates.front();
    const uint64_t cost = 1 + (child_count(node) > 0 ? 1 : 0);
    if (used + cost > max_nodes || (node != root && retained[node] < options.min_size)) break;
    std::pop_heap(candidates.begin(), candidates.end(), smaller);
    candidates.pop_back();
    kept[node] = true;
    used += cost;
    ++kept_objects;
    for (uint32_t i = dominated.first_child[node]; i < dominated.first_child[node + 1]; ++i) {
      candidates.push_back(dominated.children[i]);
      std::push_heap(candidates.begin(), candidates.end(), smaller);
    }
  }
  std::vector<uint32_t>().swap(candidates);  // Frees the heap's memory.

  DominatorTreeAggregate result;
  result.total_size = retained[root] + graph.extra_native_bytes();
  result.kept_objects = kept_objects;
  result.entries.reserve(used);
  // Pre-order with an explicit stack; a merged node is pushed before its
  // siblings so that it is popped after them.
  std::vector<AggregateEntry> stack = {AggregateEntry{root, kNoEntry, 0, 0, 0}};
  std::vector<uint32_t> kept_children;
  while (!stack.empty()) {
    AggregateEntry entry = stack.back();
    stack.pop_back();
    const uint32_t index = static_cast<uint32_t>(result.entries.size());
    if (entry.node == kNoEntry) {
      result.entries.push_back(entry);
      continue;
    }
    const uint32_t node = entry.node;
    entry.retained_size = retained[node];
    entry.dominated_count = subtree_size[node] - 1;
    entry.child_count = child_count(node);
    result.entries.push_back(entry);
    AggregateEntry merged{kNoEntry, index, 0, 0, 0};
    kept_children.clear();
    for (uint32_t i = dominated.first_child[node]; i < dominated.first_child[node + 1]; ++i) {
      const uint32_t child = dominated.children[i];
      if (kept[child]) {
        kept_children.push_back(child);
      } else {
        ++merged.child_count;
        merged.retained_size += retained[child];
        merged.dominated_count += subtree_size[child];
      }
    }
    if (merged.child_count > 0) {
      merged.dominated_count -= merged.child_count;  // The merged objects themselves are not "dominated".
      stack.push_back(merged);
    }
    std::sort(kept_children.begin(), kept_children.end(), larger);
    for (size_t i = kept_children.size(); i > 0; --i) stack.push_back({kept_children[i - 1], index, 0, 0, 0});
  }
  return result;
}

}  // namespace heapsleuth::analysis
