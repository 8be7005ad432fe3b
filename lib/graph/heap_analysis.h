// Runs DevTools' per-node analyses over a graph, as HeapSnapshot.initialize
// does: DOM state, page-owned flags and essential edges, then shallow sizes,
// distances and class names on this thread while the dominator tree is built
// on a second one, then retained sizes. Uses two threads.
//
// The result holds one value per node for each, as DevTools' worker has them
// after loading; it is what `heapsleuth-nodes` prints and what the
// differential test compares with DevTools node by node.
#ifndef HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_
#define HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_

#include <cstdint>
#include <vector>

#include "lib/base/progress.h"
#include "lib/graph/class_names.h"
#include "lib/graph/dominators.h"
#include "lib/graph/graph.h"

namespace heapsleuth::graph {

struct HeapAnalysis {
  std::vector<uint8_t> detachedness;  // After propagation (dom_state.h).
  std::vector<uint64_t> self_size;    // DevTools' shallow size (shallow_sizes.h).
  std::vector<int32_t> distance;      // distances.h
  DominatorTree dominators;           // dominator + retained_size per node.
  ClassNames class_names;
};

// `interfaces`, when given, names plain objects instead of the graph's own
// inferred interfaces (see class_names.h: the base of a comparison).
HeapAnalysis AnalyzeHeap(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces = nullptr);

// Only what naming classes needs: detachedness and class_names; the other
// members stay empty. For the earlier snapshots of a leak series, whose
// detectors look at classes and edges only: a third of AnalyzeHeap's time.
HeapAnalysis AnalyzeClasses(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces = nullptr);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_
