#include "lib/graph/heap_analysis.h"

#include <future>

#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/essential_edges.h"
#include "lib/graph/roots.h"
#include "lib/graph/shallow_sizes.h"
#include "lib/graph/weak_map_edges.h"

namespace heapsleuth::graph {

// The dominator tree runs first and alone (its own two threads: the search
// and the predecessor lists), because its scratch is the biggest thing a
// parse allocates after the graph: run beside the other analyses, as
// DevTools does with its second worker, the per-node results and that scratch
// were alive together and made the peak 1.17-1.41x the file's size. The
// other analyses then share the two cores: distances on a second thread,
// the rest here. Their results are all kept, so running them together costs
// no extra memory.
HeapAnalysis AnalyzeHeap(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces,
                         KeepDfsOrder keep_dfs_order) {
  HeapAnalysis analysis;
  progress.Stage("Marking page objects", 0);
  const std::vector<bool> weak_map_edges = FindWeakMapEdges(graph);
  {
    const std::vector<bool> essential = ComputeEssentialEdges(graph, MarkPageOwnedNodes(graph), weak_map_edges);
    // From here on few edge names, node ids or strings are read: when the
    // graph's columns of them are parked, their pages leave the process.
    graph.ReleaseParkedPages();
    analysis.dominators = ComputeDominatorTree(graph, essential, progress);
  }
  // Progress is not thread-safe, so that thread reports none.
  std::future<std::vector<int32_t>> distances = std::async(std::launch::async, [&graph, &weak_map_edges] {
    return ComputeDistances(graph, {.weak_map_edges = &weak_map_edges});
  });
  progress.Stage("Propagating DOM state", 0);
  analysis.detachedness = PropagateDomState(graph);
  progress.Stage("Computing shallow sizes", 0);
  analysis.self_size = ComputeShallowSizes(graph, analysis.detachedness);
  AddRetainedSizes(analysis.self_size, analysis.dominators);
  if (keep_dfs_order == KeepDfsOrder::kNo) analysis.dominators.dfs_order = std::vector<uint32_t>();
  progress.Stage("Naming classes", 0);
  analysis.class_names = ComputeClassNames(graph, analysis.detachedness, interfaces);
  progress.Stage("Computing distances", 0);
  analysis.distance = distances.get();
  return analysis;
}

HeapAnalysis AnalyzeClasses(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces) {
  HeapAnalysis analysis;
  progress.Stage("Propagating DOM state", 0);
  analysis.detachedness = PropagateDomState(graph);
  progress.Stage("Naming classes", 0);
  analysis.class_names = ComputeClassNames(graph, analysis.detachedness, interfaces);
  return analysis;
}

Retainers RetainersOf(const Graph& graph, const HeapAnalysis& analysis) {
  if (analysis.retainers) return *analysis.retainers;
  return Retainers::Build(graph);
}

}  // namespace heapsleuth::graph
