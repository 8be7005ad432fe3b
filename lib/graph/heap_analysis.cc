#include "lib/graph/heap_analysis.h"

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
  {
    const std::vector<bool> essential = ComputeEssentialEdges(graph, MarkPageOwnedNodes(graph));
    analysis.dominators = ComputeDominatorTree(graph, essential, progress);
  }
  progress.Stage("Computing shallow sizes", 0);
  analysis.self_size = ComputeShallowSizes(graph, analysis.detachedness);
  progress.Stage("Computing distances", 0);
  analysis.distance = ComputeDistances(graph);
  progress.Stage("Naming classes", 0);
  analysis.class_names = ComputeClassNames(graph, analysis.detachedness, interfaces);
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
