#include "lib/graph/heap_analysis.h"

#include <future>

#include "lib/graph/distances.h"
#include "lib/graph/dom_state.h"
#include "lib/graph/essential_edges.h"
#include "lib/graph/roots.h"
#include "lib/graph/shallow_sizes.h"

namespace heapsleuth::graph {

HeapAnalysis AnalyzeHeap(const Graph& graph, Progress& progress, const InterfaceDefinitions* interfaces) {
  HeapAnalysis analysis;
  progress.Stage("Propagating DOM state", 0);
  analysis.detachedness = PropagateDomState(graph);
  progress.Stage("Marking page objects", 0);
  const std::vector<bool> essential = ComputeEssentialEdges(graph, MarkPageOwnedNodes(graph));
  // Like DevTools (which uses a second worker), build the dominator tree on
  // a second thread while this one does the rest. Progress is not
  // thread-safe, so that thread reports none.
  std::future<DominatorTree> dominators = std::async(std::launch::async, [&graph, &essential] {
    NoProgress silent;
    return ComputeDominatorTree(graph, essential, silent);
  });
  progress.Stage("Computing shallow sizes", 0);
  analysis.self_size = ComputeShallowSizes(graph, analysis.detachedness);
  progress.Stage("Computing distances", 0);
  analysis.distance = ComputeDistances(graph);
  progress.Stage("Naming classes", 0);
  analysis.class_names = ComputeClassNames(graph, analysis.detachedness, interfaces);
  progress.Stage("Computing dominators", 0);
  analysis.dominators = dominators.get();
  AddRetainedSizes(analysis.self_size, analysis.dominators);
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
