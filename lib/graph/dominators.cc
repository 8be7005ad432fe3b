#include "lib/graph/dominators.h"

namespace heapsleuth::graph {

DominatorTree ComputeDominatorTree(const Graph& graph, const std::vector<bool>& essential, Progress& progress) {
  const uint32_t node_count = graph.node_count();
  // As in the paper (and DevTools), vertices are numbered 1..n and 0 means
  // "none": vertex v is node ordinal v - 1.
  const size_t length = static_cast<size_t>(node_count) + 1;
  std::vector<uint32_t> parent(length, 0), ancestor(length, 0), vertex(length, 0), label(length, 0),
      semi(length, 0), dom(length, 0);
  // Buckets as singly linked lists: every vertex is in at most one bucket.
  std::vector<uint32_t> bucket_head(length, 0), bucket_next(length, 0);
  // The DFS's per-vertex edge cursor; reused as the compression stack after.
  std::vector<uint32_t> scratch(length, 0);
  uint32_t n = 0;

  progress.Stage("Computing dominators", node_count);
  auto dfs = [&](uint32_t root_vertex) {
    scratch[root_vertex] = graph.first_edge(root_vertex - 1);
    uint32_t v = root_vertex;
    while (v != 0) {
      if (semi[v] == 0) {
        semi[v] = ++n;
        vertex[n] = label[v] = v;
      }
      // Descend into the first unvisited successor, or return to the parent.
      uint32_t next = parent[v];
      const uint32_t end = graph.first_edge(v);  // Node v - 1's edges end where node v's start.
      for (; scratch[v] < end; ++scratch[v]) {
        const uint32_t edge = scratch[v];
        if (!essential[edge]) continue;
        const uint32_t w = graph.edge_to_node(edge) + 1;
        if (semi[w] == 0) {
          parent[w] = v;
          scratch[w] = graph.first_edge(w - 1);
          next = w;
          break;
        }
      }
      v = next;
    }
  };

  const uint32_t r = graph.root() + 1;
  dfs(r);
  if (n < node_count) {
    // Nodes retained only through non-essential (e.g. weak) edges hang off
    // the root, with what they reach.
    for (uint32_t v = 1; v <= node_count; ++v) {
      if (semi[v] != 0) continue;
      bool only_weak_retainers = true;
      for (uint32_t k = graph.first_retainer(v - 1); k < graph.first_retainer(v); ++k) {
        if (essential[graph.retainer_edge(k)]) {
          only_weak_retainers = false;
          break;
        }
      }
      if (only_weak_retainers) {
        parent[v] = r;
        dfs(v);
      }
    }
  }
  if (n < node_count) {
    // Cliques retained only by each other: attach each member to the root.
    for (uint32_t v = 1; v <= node_count; ++v) {
      if (semi[v] != 0) continue;
      parent[v] = r;
      semi[v] = ++n;
      vertex[n] = label[v] = v;
    }
  }

  std::vector<uint32_t>& compression_stack = scratch;
  auto compress = [&](uint32_t v) {
    uint32_t top = 0;
    while (ancestor[ancestor[v]] != 0) {
      compression_stack[++top] = v;
      v = ancestor[v];
    }
    while (top > 0) {
      const uint32_t w = compression_stack[top--];
      if (semi[label[ancestor[w]]] < semi[label[w]]) label[w] = label[ancestor[w]];
      ancestor[w] = ancestor[ancestor[w]];
    }
  };
  auto evaluate = [&](uint32_t v) {
    if (ancestor[v] == 0) return v;
    compress(v);
    return label[v];
  };

  for (uint32_t i = n; i >= 2; --i) {
    if ((i & 0xFFFFF) == 0) progress.Advance(n - i);
    const uint32_t w = vertex[i];
    bool orphan = true;
    for (uint32_t k = graph.first_retainer(w - 1); k < graph.first_retainer(w); ++k) {
      if (!essential[graph.retainer_edge(k)]) continue;
      orphan = false;
      const uint32_t u = evaluate(graph.retainer_node(k) + 1);
      if (semi[u] < semi[w]) semi[w] = semi[u];
    }
    // An orphan's only predecessor is taken to be the root, whose semi is
    // below every other.
    if (orphan) semi[w] = semi[r];
    const uint32_t b = vertex[semi[w]];
    bucket_next[w] = bucket_head[b];
    bucket_head[b] = w;
    ancestor[w] = parent[w];  // link(parent[w], w)
    for (uint32_t v = bucket_head[parent[w]]; v != 0; v = bucket_next[v]) {
      const uint32_t u = evaluate(v);
      dom[v] = semi[u] < semi[v] ? u : parent[w];
    }
    bucket_head[parent[w]] = 0;
  }
  // Unlike the paper, the root dominates itself, and dom[0] = r makes nodes
  // left without a dominator (the clique members) children of the root.
  dom[0] = dom[r] = r;
  for (uint32_t i = 2; i <= n; ++i) {
    const uint32_t w = vertex[i];
    if (dom[w] != vertex[semi[w]]) dom[w] = dom[dom[w]];
  }

  DominatorTree tree;
  tree.dominator.resize(node_count);
  for (uint32_t node = 0; node < node_count; ++node) tree.dominator[node] = dom[node + 1] - 1;
  tree.dfs_order.resize(n);
  for (uint32_t i = 1; i <= n; ++i) tree.dfs_order[i - 1] = vertex[i] - 1;
  return tree;
}

void AddRetainedSizes(const std::vector<uint64_t>& shallow_sizes, DominatorTree& tree) {
  tree.retained_size = shallow_sizes;
  // A dominator precedes what it dominates in DFS order: sum children first.
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    tree.retained_size[tree.dominator[node]] += tree.retained_size[node];
  }
}

DominatedNodes BuildDominatedNodes(const DominatorTree& tree, uint32_t root) {
  const uint32_t node_count = static_cast<uint32_t>(tree.dominator.size());
  DominatedNodes result;
  result.first_child.assign(static_cast<size_t>(node_count) + 1, 0);
  for (uint32_t node = 0; node < node_count; ++node) {
    if (node != root) ++result.first_child[tree.dominator[node] + 1];
  }
  for (uint32_t node = 0; node < node_count; ++node) result.first_child[node + 1] += result.first_child[node];
  result.children.resize(result.first_child[node_count]);
  std::vector<uint32_t> fill(result.first_child.begin(), result.first_child.end() - 1);
  for (uint32_t node = 0; node < node_count; ++node) {
    if (node != root) result.children[fill[tree.dominator[node]]++] = node;
  }
  return result;
}

}  // namespace heapsleuth::graph
