// Which edges count for the dominator tree (DevTools' computeIsEssentialEdge).
//
// An edge is essential unless it is weak, a self edge, a shortcut from any
// node but the root (the root's shortcuts mark the user's global objects), an
// edge from a non-page object to a page object (see roots.h), or the
// table->value half of a WeakMap ephemeron pair (the key->value half is kept:
// it gives the more useful dominators). One bit per edge. `weak_map_edges`
// is FindWeakMapEdges' (weak_map_edges.h).
#ifndef HEAPSLEUTH_LIB_GRAPH_ESSENTIAL_EDGES_H_
#define HEAPSLEUTH_LIB_GRAPH_ESSENTIAL_EDGES_H_

#include <cstdint>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

std::vector<bool> ComputeEssentialEdges(const Graph& graph, const std::vector<uint8_t>& page_owned,
                                        const std::vector<bool>& weak_map_edges);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_ESSENTIAL_EDGES_H_
