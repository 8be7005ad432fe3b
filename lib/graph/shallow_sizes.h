// DevTools' shallow sizes (JSHeapSnapshot.calculateShallowSizes).
//
// V8 reports internal arrays and hidden objects (a Map's backing table, an
// object's property array) as separate nodes. When such a node is owned by
// exactly one "real" object, that is, every non-weak path into it comes from
// that object through other hidden/array nodes, DevTools moves its self size
// into the owner, so the owner's size includes its internals. Native
// "system / ExternalStringData" nodes are treated the same way. Owners that
// are synthetic or the root receive nothing. Snapshots without user roots
// (taken with internals exposed) keep V8's sizes.
// Input: the graph and its raw self sizes. Output: one size per node.
#ifndef HEAPSLEUTH_LIB_GRAPH_SHALLOW_SIZES_H_
#define HEAPSLEUTH_LIB_GRAPH_SHALLOW_SIZES_H_

#include <cstdint>
#include <span>
#include <vector>

#include "lib/graph/graph.h"

namespace heapsleuth::graph {

// `detachedness` is PropagateDomState's result: DevTools compares names after
// renaming detached nodes, and a renamed node never matches.
std::vector<uint64_t> ComputeShallowSizes(const Graph& graph, std::span<const uint8_t> detachedness);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_SHALLOW_SIZES_H_
