#include "lib/analysis/dominator_tree_aggregate.h"

#include <algorithm>
#include <unordered_map>

namespace heapsleuth::analysis {

DominatorTreeAggregate AggregateDominatorTree(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                              const DominatorTreeAggregateOptions& options) {
  const graph::DominatorTree& tree = analysis.dominators;
  const auto& retained = tree.retained_size;
  const uint32_t root = graph.root();
  graph::DominatedNodes dominated = graph::BuildDominatedNodes(tree, root);
  auto child_count = [&](uint32_t node) { return dominated.first_child[node + 1] - dominated.first_child[node]; };
  // Subtree sizes, children before their dominators (reverse DFS order).
  std::vector<uint32_t> subtree_size(graph.node_count(), 1);
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    if (node != root) subtree_size[tree.dominator[node]] += subtree_size[node];
  }
  auto larger = [&](uint32_t a, uint32_t b) { return retained[a] != retained[b] ? retained[a] > retained[b] : a < b; };

  // Best-first selection. `used` counts kept objects plus, for each, the
  // most merged entries it can have (an upper bound: a group disappears
  // when all its objects are kept). There is room for the root and its
  // merged entries, at least.
  const uint64_t max_nodes = std::max(options.max_nodes, 1 + kMaxMergedGroups);
  std::vector<bool> kept(graph.node_count(), false);
  // A max-heap (std::push_heap) of candidates: the largest is front().
  auto smaller = [&](uint32_t a, uint32_t b) { return larger(b, a); };
  std::vector<uint32_t> candidates = {root};
  uint64_t used = 0;
  uint32_t kept_objects = 0;
  while (!candidates.empty()) {
    const uint32_t node = candidates.front();
    const uint64_t cost = 1 + std::min(child_count(node), kMaxMergedGroups);
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
  // Pre-order with an explicit stack; merged entries are pushed before their
  // siblings so that they are popped after them. Scratch reused per node.
  std::vector<AggregateEntry> stack = {AggregateEntry{root, kNoEntry, 0, 0, 0, kNoEntry}};
  std::vector<uint32_t> kept_children;
  std::vector<AggregateEntry> groups;
  std::unordered_map<uint32_t, uint32_t> group_of_class;  // ClassNames index -> groups index.
  std::vector<uint32_t> first_member;                       // Per group: its first child, for ties.
  std::vector<uint32_t> order;
  std::vector<AggregateEntry> merged;
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
    // The children not kept, grouped by class.
    kept_children.clear();
    groups.clear();
    group_of_class.clear();
    first_member.clear();
    for (uint32_t i = dominated.first_child[node]; i < dominated.first_child[node + 1]; ++i) {
      const uint32_t child = dominated.children[i];
      if (kept[child]) {
        kept_children.push_back(child);
        continue;
      }
      const uint32_t class_index = analysis.class_names.node_class[child];
      auto [it, added] = group_of_class.try_emplace(class_index, static_cast<uint32_t>(groups.size()));
      if (added) {
        groups.push_back({kNoEntry, index, 0, 0, 0, class_index});
        first_member.push_back(child);
      }
      AggregateEntry& group = groups[it->second];
      ++group.child_count;
      group.retained_size += retained[child];
      group.dominated_count += subtree_size[child] - 1u;  // The merged objects themselves are not "dominated".
    }
    // The largest groups, by retained size (then file order); beyond
    // kMaxMergedGroups - 1 of them, the rest make one group of mixed classes.
    order.resize(groups.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return groups[a].retained_size != groups[b].retained_size ? groups[a].retained_size > groups[b].retained_size
                                                                : first_member[a] < first_member[b];
    });
    merged.clear();
    for (uint32_t i = 0; i < order.size(); ++i) {
      const AggregateEntry& group = groups[order[i]];
      if (i + 1 < kMaxMergedGroups || order.size() <= kMaxMergedGroups) {
        merged.push_back(group);
        continue;
      }
      if (i + 1 == kMaxMergedGroups) merged.push_back({kNoEntry, index, 0, 0, 0, kNoEntry});
      merged.back().child_count += group.child_count;
      merged.back().retained_size += group.retained_size;
      merged.back().dominated_count += group.dominated_count;
    }
    // Popped in order: the kept children, largest first, then the groups.
    for (size_t i = merged.size(); i > 0; --i) stack.push_back(merged[i - 1]);
    std::sort(kept_children.begin(), kept_children.end(), larger);
    for (size_t i = kept_children.size(); i > 0; --i) {
      stack.push_back({kept_children[i - 1], index, 0, 0, 0, kNoEntry});
    }
  }
  return result;
}

}  // namespace heapsleuth::analysis
