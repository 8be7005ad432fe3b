// Distances from the GC roots, exactly as DevTools computes them
// (JSHeapSnapshot.calculateDistances).
//
// Breadth-first, in the file's edge order: first from the user roots (roots.h)
// at distance 1, then from the root itself at kBaseSystemDistance for what only
// the system reaches. Weak edges never count. Like DevTools we skip
// NativeContext's sloppy_function_map edge and the descriptor links of
// "(map descriptors)" arrays (crbug.com/413608), and give a WeakMap value the
// distance of the later of its two ephemeron edges (crbug.com/1290800).
// Nodes reached by neither search keep kUnreachableDistance.
#ifndef HEAPSLEUTH_LIB_GRAPH_DISTANCES_H_
#define HEAPSLEUTH_LIB_GRAPH_DISTANCES_H_

#include <cstdint>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

inline constexpr int32_t kUnreachableDistance = -5;
inline constexpr int32_t kBaseSystemDistance = 100000000;

struct DistanceOptions {
  // Let weak edges count too. DevTools never does; heapsleuth-retainers
  // --include-weak uses this so that its paths may go through weak edges.
  bool include_weak = false;
  // FindWeakMapEdges' bits (weak_map_edges.h), when the caller has them;
  // else they are found first. Only those edges' names are read on the way.
  const std::vector<bool>* weak_map_edges = nullptr;
};

std::vector<int32_t> ComputeDistances(const Graph& graph, DistanceOptions options = {});

// The stateless part of DevTools' distance filter: true when BFS never steps
// from `node` along `edge` (NativeContext's sloppy_function_map, the
// descriptor links of "(map descriptors)"). The WeakMap rule depends on the
// order of the walk and is not included.
bool DistanceFilterSkips(const Graph& graph, uint32_t node, uint32_t edge);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_DISTANCES_H_
