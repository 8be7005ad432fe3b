#include "lib/graph/dominators.h"

#include <algorithm>
#include <future>
#include <utility>

#include "lib/base/free_vector.h"

namespace heapsleuth::graph {
namespace {

// Essential predecessors, CSR: node i's predecessors are
// source[first[i] .. first[i + 1]), in DevTools' retainer order (reverse file
// order; the result does not depend on it). Built from the edges alone, so
// it is made on another thread while the DFS runs; the sources become DFS
// numbers afterwards.
//
// A node with exactly one essential predecessor has none stored (a quarter
// of big500's edges, a ninth of a real node heap's go to such nodes): the
// search reached it over its only edge in, so that predecessor is its DFS
// parent. The exceptions are members of unreachable cliques, which the last
// step attaches to the root; their one predecessor is found after the
// search (FindCliquePredecessors).
struct Predecessors {
  std::vector<uint32_t> first;
  std::vector<uint32_t> source;
  std::vector<bool> only_one;  // Exactly one predecessor, not in `source`.

  bool none(uint32_t node) const { return first[node] == first[node + 1] && !only_one[node]; }
};

Predecessors BuildPredecessors(const Graph& graph, const std::vector<bool>& essential) {
  const uint32_t node_count = graph.node_count();
  Predecessors preds;
  preds.first.assign(static_cast<size_t>(node_count) + 1, 0);
  for (uint32_t edge = 0; edge < graph.edge_count(); ++edge) {
    if (essential[edge]) ++preds.first[graph.edge_to_node(edge)];
  }
  preds.only_one.assign(node_count, false);
  uint32_t sum = 0;
  for (uint32_t node = 0; node < node_count; ++node) {
    uint32_t& first = preds.first[node];
    if (first == 1) {
      preds.only_one[node] = true;
    } else {
      sum += first;
    }
    first = sum;  // End of the node's slice, for now.
  }
  preds.first[node_count] = sum;
  preds.source.resize(sum);
  for (uint32_t node = 0; node < node_count; ++node) {
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      if (!essential[edge]) continue;
      const uint32_t to = graph.edge_to_node(edge);
      if (!preds.only_one[to]) preds.source[--preds.first[to]] = node;
    }
  }
  return preds;
}

// (vertex, its only predecessor's vertex) for the single-predecessor
// vertices numbered `first_clique_vertex` and above, sorted: one pass over
// the edges, made only when the last step attached such a node.
std::vector<std::pair<uint32_t, uint32_t>> FindCliquePredecessors(const Graph& graph,
                                                                  const std::vector<bool>& essential,
                                                                  const Predecessors& preds,
                                                                  const std::vector<uint32_t>& number,
                                                                  uint32_t first_clique_vertex) {
  std::vector<std::pair<uint32_t, uint32_t>> found;
  for (uint32_t node = 0; node < graph.node_count(); ++node) {
    for (uint32_t edge = graph.first_edge(node); edge < graph.first_edge(node + 1); ++edge) {
      const uint32_t to = graph.edge_to_node(edge);
      if (essential[edge] && preds.only_one[to] && number[to] >= first_clique_vertex) {
        found.emplace_back(number[to], number[node]);
      }
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

uint32_t CliquePredecessor(const std::vector<std::pair<uint32_t, uint32_t>>& clique_preds, uint32_t vertex) {
  return std::lower_bound(clique_preds.begin(), clique_preds.end(), std::pair<uint32_t, uint32_t>(vertex, 0))->second;
}

}  // namespace

// Vertices are DFS numbers 1..n, as in the paper; 0 means "none". Memory is
// what DevTools' procedure needs and no more: the DFS keeps a visited bit,
// number (node -> vertex), vertex (vertex -> node) and the forest entries,
// plus a stack as deep as the DFS, while another thread builds the
// predecessor lists; the main loop drops number. A forest entry holds a
// vertex's ancestor, semi and label side by side, as evaluate() reads them
// together: one cache miss instead of three. "ancestor" starts as the DFS
// parent and is compressed in place: v is linked exactly when v is above the
// vertex being processed, so no separate array is needed to tell. One more
// array is, at different times for a vertex v, the head of v's bucket, v's
// next pointer in its semidominator's bucket, and dom(v) (see the loop for
// why their lifetimes never overlap).
DominatorTree ComputeDominatorTree(const Graph& graph, const std::vector<bool>& essential, Progress& progress) {
  const uint32_t node_count = graph.node_count();
  const size_t length = static_cast<size_t>(node_count) + 1;
  progress.Stage("Computing dominators", node_count);
  std::future<Predecessors> building_preds =
      std::async(std::launch::async, [&graph, &essential] { return BuildPredecessors(graph, essential); });

  std::vector<bool> visited(node_count, false);  // Fits in cache, unlike number.
  std::vector<uint32_t> number(node_count, 0);
  std::vector<uint32_t> vertex(length, 0);       // vertex[i]: the node numbered i.
  // Per vertex, what the main loop reads together, in one cache line:
  // ancestor starts as the DFS parent and is path-compressed in place.
  struct ForestEntry {
    uint32_t ancestor = 0, semi = 0, label = 0;
  };
  std::vector<ForestEntry> forest(length);
  uint32_t n = 0;
  std::vector<uint32_t> edge_cursor;  // One per vertex on the DFS path.
  auto visit = [&](uint32_t node, uint32_t parent_vertex) {
    visited[node] = true;
    number[node] = ++n;
    vertex[n] = node;
    forest[n] = ForestEntry{parent_vertex, n, n};
  };
  // Numbers what `start` reaches over essential edges, depth first, visiting
  // edges in file order as DevTools does.
  auto dfs = [&](uint32_t start, uint32_t parent_vertex) {
    visit(start, parent_vertex);
    uint32_t v = n;
    edge_cursor.assign(1, graph.first_edge(start));
    while (!edge_cursor.empty()) {
      const uint32_t node = vertex[v];
      const uint32_t end = graph.first_edge(node + 1);
      uint32_t& edge = edge_cursor.back();
      while (edge < end && (!essential[edge] || visited[graph.edge_to_node(edge)])) ++edge;
      if (edge == end) {
        edge_cursor.pop_back();
        v = forest[v].ancestor;  // Still the DFS parent: nothing is compressed yet.
        continue;
      }
      const uint32_t next = graph.edge_to_node(edge++);
      visit(next, v);
      v = n;
      edge_cursor.push_back(graph.first_edge(next));
    }
  };

  const uint32_t r = 1;
  dfs(graph.root(), 0);
  Predecessors preds = building_preds.get();
  // Nodes retained only through non-essential (e.g. weak) edges hang off the
  // root, with what they reach.
  for (uint32_t node = 0; node < node_count && n < node_count; ++node) {
    if (!visited[node] && preds.none(node)) dfs(node, r);
  }
  // Cliques retained only by each other: each member a child of the root,
  // searched from no further.
  const uint32_t first_clique_vertex = n + 1;
  bool single_clique_member = false;
  for (uint32_t node = 0; node < node_count && n < node_count; ++node) {
    if (visited[node]) continue;
    visit(node, r);
    single_clique_member |= preds.only_one[node];
  }
  const std::vector<std::pair<uint32_t, uint32_t>> clique_preds =
      single_clique_member ? FindCliquePredecessors(graph, essential, preds, number, first_clique_vertex)
                           : std::vector<std::pair<uint32_t, uint32_t>>{};
  FreeVector(edge_cursor);
  FreeVector(visited);
  for (uint32_t& source : preds.source) source = number[source];
  FreeVector(number);
  std::vector<uint32_t> bucket_or_dom(length, 0);

  // Vertices numbered `linked_from` and above are in the forest.
  uint32_t linked_from = n + 1;
  std::vector<uint32_t> compression_stack;
  auto evaluate = [&](const uint32_t v) {
    if (v < linked_from) return v;
    for (uint32_t x = v; forest[x].ancestor >= linked_from; x = forest[x].ancestor) compression_stack.push_back(x);
    while (!compression_stack.empty()) {
      const uint32_t w = compression_stack.back();
      compression_stack.pop_back();
      ForestEntry& entry = forest[w];
      const ForestEntry& above = forest[entry.ancestor];
      if (forest[above.label].semi < forest[entry.label].semi) entry.label = above.label;
      entry.ancestor = above.ancestor;
    }
    return forest[v].label;
  };

  for (uint32_t w = n; w >= 2; --w) {
    if ((w & 0xFFFFF) == 0) progress.Advance(n - w);
    // An orphan's only predecessor is taken to be the root, whose semi is
    // below every other.
    const uint32_t node = vertex[w];
    uint32_t& semi_w = forest[w].semi;
    if (preds.only_one[node]) {
      // w is not compressed before it is linked: ancestor is its DFS parent.
      const uint32_t u = evaluate(w < first_clique_vertex ? forest[w].ancestor : CliquePredecessor(clique_preds, w));
      if (forest[u].semi < semi_w) semi_w = forest[u].semi;
    } else if (preds.none(node)) {
      semi_w = forest[r].semi;
    }
    for (uint32_t k = preds.first[node]; k < preds.first[node + 1]; ++k) {
      const uint32_t u = evaluate(preds.source[k]);
      if (forest[u].semi < semi_w) semi_w = forest[u].semi;
    }
    // w's own bucket was emptied when its first child w + 1 was processed.
    // Only when DevTools' procedure made w a childless semidominator (clique
    // members attached to the root) is it not: those vertices never get a
    // dominator here, which the last step below turns into the root.
    for (uint32_t v = bucket_or_dom[w]; v != 0;) {
      const uint32_t next = bucket_or_dom[v];
      bucket_or_dom[v] = 0;
      v = next;
    }
    // Add w to its semidominator's bucket. A clique member with no
    // predecessor numbered below it is its own semidominator; that bucket is
    // never processed, so it gets no dominator here either.
    const uint32_t b = semi_w;
    if (b != w) {
      bucket_or_dom[w] = bucket_or_dom[b];  // w's next pointer.
      bucket_or_dom[b] = w;
    }
    linked_from = w;  // link(parent[w], w)
    const uint32_t p = forest[w].ancestor;  // w is not compressed before it is linked.
    for (uint32_t v = bucket_or_dom[p]; v != 0;) {
      const uint32_t next = bucket_or_dom[v];
      const uint32_t u = evaluate(v);
      bucket_or_dom[v] = forest[u].semi < forest[v].semi ? u : p;  // v's dom from now on.
      v = next;
    }
    bucket_or_dom[p] = 0;
  }
  FreeVector(preds.first);
  FreeVector(preds.source);
  FreeVector(preds.only_one);
  std::vector<uint32_t>& dom = bucket_or_dom;
  // Unlike the paper, the root dominates itself, and dom[0] = r makes nodes
  // left without a dominator (the clique members) children of the root.
  dom[0] = dom[r] = r;
  for (uint32_t w = 2; w <= n; ++w) {
    if (dom[w] != forest[w].semi) dom[w] = dom[dom[w]];
  }
  FreeVector(forest);

  DominatorTree tree;
  std::vector<uint32_t> dominator(node_count);
  for (uint32_t w = 1; w <= n; ++w) dominator[vertex[w]] = vertex[dom[w]];
  tree.dominator = std::move(dominator);
  FreeVector(dom);
  vertex.erase(vertex.begin());
  tree.dfs_order = std::move(vertex);
  return tree;
}

void AddRetainedSizes(std::span<const uint64_t> shallow_sizes, DominatorTree& tree) {
  std::vector<uint64_t> retained(shallow_sizes.begin(), shallow_sizes.end());
  // A dominator precedes what it dominates in DFS order: sum children first.
  for (size_t i = tree.dfs_order.size(); i > 1; --i) {
    const uint32_t node = tree.dfs_order[i - 1];
    retained[tree.dominator[node]] += retained[node];
  }
  tree.retained_size = std::move(retained);
}

DominatedNodes BuildDominatedNodes(const DominatorTree& tree, uint32_t root) {
  const uint32_t node_count = static_cast<uint32_t>(tree.dominator.size());
  DominatedNodes result;
  // Count into each slice's end, then fill every slice from its end down,
  // nodes in reverse: each slice ends up in ordinal order and first_child
  // at its start, with no separate fill cursor (node_count entries).
  result.first_child.assign(static_cast<size_t>(node_count) + 1, 0);
  for (uint32_t node = 0; node < node_count; ++node) {
    if (node != root) ++result.first_child[tree.dominator[node]];
  }
  for (uint32_t node = 1; node <= node_count; ++node) result.first_child[node] += result.first_child[node - 1];
  result.children.resize(result.first_child[node_count]);
  for (uint32_t node = node_count; node-- > 0;) {
    if (node != root) result.children[--result.first_child[tree.dominator[node]]] = node;
  }
  return result;
}

}  // namespace heapsleuth::graph
