// Who keeps a node alive: shortest retainer paths from the GC roots, and
// DevTools' Retainers view.
//
// Paths follow DevTools' distances (distances.h): BFS from the user roots
// first, then from the root. A path to a node therefore has exactly as many
// edges as the node's DevTools distance (less 100000000 when only system
// roots reach it), and every step is an edge DevTools' distance BFS may take:
// never weak (unless asked), never NativeContext's sloppy_function_map or a
// "(map descriptors)" value slot.
//
// Among the shortest paths, one is chosen the way memlab and DevTools would
// show it. First, fewest "less preferable" steps: edges of the DevTools
// console, and hops between attached and detached DOM (memlab's
// isLessPreferableEdge, both directions). Then, at every node from the target
// back to the root, the first retainer in DevTools' Retainers view order
// (distance, then name, then retainer order): the chain DevTools expands when
// one clicks down the first retainer. The choice at a node does not depend on
// the target, so all chosen paths form one tree.
//
// More paths (MAT's "paths to GC roots"): K distinct simple paths, in order of
// length, found as deviations from that tree (Eppstein's sidetracks: a path is
// the tree path with some retainers replaced by others). Paths that only
// differ by parallel edges between the same two objects count once; ties go to
// paths that leave the first path closer to the target (another retainer
// rather than another route to the same GC root). The search is bounded, so a
// heap with few distinct routes can return fewer than K.
//
// Memory: one byte per node for the preference costs and four for the
// memoized tree, on top of the Retainers index. Costs are computed on demand
// for the nodes above those asked about, so one path in a huge heap does not
// visit all of it.
#ifndef HEAPSLEUTH_LIB_GRAPH_RETAINER_PATHS_H_
#define HEAPSLEUTH_LIB_GRAPH_RETAINER_PATHS_H_

#include <cstdint>
#include <span>
#include <optional>
#include <unordered_map>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::graph {

struct RetainerPathOptions {
  // Let paths and the Retainers view use weak edges. Then `distances` must
  // come from ComputeDistances with include_weak set too.
  bool include_weak = false;
};

// One step of a path: an edge and the node it leads to.
struct PathStep {
  uint32_t edge;
  uint32_t node;
};

// From the root outward: steps[0]'s edge starts at the root, the last step's
// node is the target. The root itself has an empty path.
struct RetainerPath {
  std::vector<PathStep> steps;
};

class RetainerPathFinder {
 public:
  // All references must outlive the finder. `distances` are DevTools'
  // (ComputeDistances), `detachedness` PropagateDomState's.
  RetainerPathFinder(const Graph& graph, const Retainers& retainers, std::span<const int32_t> distances,
                     std::span<const uint8_t> detachedness, RetainerPathOptions options = {});

  // Edges on a shortest path from the root; nullopt when no path exists.
  std::optional<uint32_t> PathLength(uint32_t node);

  // The preferred shortest path; nullopt when the node is unreachable.
  std::optional<RetainerPath> ShortestPath(uint32_t target);

  // Up to `count` distinct simple paths, the preferred shortest one first,
  // then by length. Empty when the node is unreachable.
  std::vector<RetainerPath> Paths(uint32_t target, size_t count);

  // Whether the Retainers view and the paths may step along `edge` from `from`.
  bool IsPathEdge(uint32_t from, uint32_t edge) const;

 private:
  static constexpr uint8_t kNotComputed = 255;
  static constexpr uint8_t kNoPath = 254;
  static constexpr uint32_t kUnknown = UINT32_MAX;

  // Fewest less-preferable steps on a shortest path to `node`, or kNoPath;
  // computed on first use with those of the nodes above it, then memoized.
  uint8_t Cost(uint32_t node);
  bool Tight(uint32_t from, uint32_t to) const;
  uint32_t Penalty(uint32_t from, uint32_t edge, uint32_t to) const;
  // The retainer slot of `node`'s tree parent (computed once, then memoized).
  uint32_t ParentSlot(uint32_t node);
  // Retainer slots of `node` other than from its tree parent, shortest
  // first, at most `keep` and a few more (memoized per Paths call).
  const std::vector<uint32_t>& Alternatives(uint32_t node, size_t keep);

  const Graph& graph_;
  const Retainers& retainers_;
  std::span<const int32_t> distances_;
  std::span<const uint8_t> detachedness_;
  RetainerPathOptions options_;
  std::vector<uint8_t> cost_;     // Cost(), or kNotComputed.
  std::vector<uint32_t> cost_stack_;  // Cost()'s walk, kept for its capacity.
  std::vector<uint32_t> parent_;  // Memoized ParentSlot; kUnknown until asked.
  std::unordered_map<uint32_t, std::vector<uint32_t>> alternatives_;
};

// DevTools' Retainers view (the lower pane of the heap snapshot tool).
//
// A node's retainers are its incoming edges except weak ones and those from
// the root (JSHeapSnapshot.retainingEdgesFilter), ordered as the view's
// default sort: the retainer's distance ascending, then its name
// (DevToolsNodeName, JS string order), then retainer order (later edges in
// the file first). Each row is "<edge> in <retainer>". A retainer that is
// already on the way down to the target is a cycle and is not expanded.
// Rows come in pre-order: a row's own retainers follow it, one level deeper.
struct RetainerTreeRow {
  uint32_t slot = 0;   // Retainer slot (retainers.h): the edge and the retaining node.
  uint32_t node = 0;   // The retaining node.
  uint32_t level = 0;  // 0 for the target's own retainers.
  bool cycle = false;
  bool expanded = false;        // False at the depth limit (and for cycles).
  uint32_t retainer_count = 0;  // The node's own retainers in the view, listed or not.
};

struct RetainerTree {
  uint32_t target = 0;
  uint32_t retainer_count = 0;  // In the view, listed or not.
  std::vector<RetainerTreeRow> rows;
};

// The view's retainer slots of `node`, in its order.
std::vector<uint32_t> RetainersViewOrder(const Graph& graph, const Retainers& retainers,
                                         std::span<const int32_t> distances,
                                         std::span<const uint8_t> detachedness, uint32_t node,
                                         bool include_weak = false);

// The view expanded `depth` levels down (1: direct retainers only), at most
// `limit` rows under each node (0: all).
RetainerTree BuildRetainerTree(const Graph& graph, const Retainers& retainers, std::span<const int32_t> distances,
                               std::span<const uint8_t> detachedness, uint32_t target, uint32_t depth,
                               uint32_t limit, bool include_weak = false);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_RETAINER_PATHS_H_
