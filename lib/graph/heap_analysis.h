// Runs DevTools' per-node analyses over a graph, as HeapSnapshot.initialize
// does: page-owned flags, essential edges and the dominator tree first, then
// DOM state, shallow sizes, retained sizes and class names on this thread
// while distances are computed on a second one. Uses two threads.
//
// The result holds one value per node for each, as DevTools' worker has them
// after loading; it is what `heapsleuth-nodes` prints and what the
// differential test compares with DevTools node by node. Every per-node
// result is a Column (lib/base/column.h), so that the binary index file
// (index_file.h) can hand back a HeapAnalysis that views its mapping.
#ifndef HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_
#define HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "lib/base/column.h"
#include "lib/base/progress.h"
#include "lib/graph/class_names.h"
#include "lib/graph/dominators.h"
#include "lib/graph/graph.h"
#include "lib/graph/retainers.h"

namespace heapsleuth::graph {

struct HeapAnalysis {
  Column<uint8_t> detachedness;  // After propagation (dom_state.h).
  Column<uint64_t> self_size;    // DevTools' shallow size (shallow_sizes.h).
  Column<int32_t> distance;      // distances.h
  DominatorTree dominators;           // dominator + retained_size per node.
  ClassNames class_names;
  // Set only when reopened from the index file, which stores them; else
  // tools that need retainers build them (RetainersOf).
  std::optional<Retainers> retainers;
};

// The analysis' stored retainers (a cheap copy of views), else built now.
Retainers RetainersOf(const Graph& graph, const HeapAnalysis& analysis);

// Whether AnalyzeHeap keeps the dominator tree's DFS order once the retained
// sizes are summed: a caller that never walks it (the summary) drops it
// before the class names, the step where a cold load's memory peaks.
enum class KeepDfsOrder : bool { kNo, kYes };

// `interfaces`, when given, names plain objects instead of the graph's own
// inferred interfaces (see class_names.h: the base of a comparison).
HeapAnalysis AnalyzeHeap(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces = nullptr,
                         KeepDfsOrder keep_dfs_order = KeepDfsOrder::kYes);

// Only what naming classes needs: detachedness and class_names; the other
// members stay empty. For the earlier snapshots of a leak series, whose
// detectors look at classes and edges only: a third of AnalyzeHeap's time.
HeapAnalysis AnalyzeClasses(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces = nullptr);

}  // namespace heapsleuth::graph

#endif  // HEAPSLEUTH_LIB_GRAPH_HEAP_ANALYSIS_H_
