// DevTools' Summary view: objects grouped by class (buildAggregates and
// calculateClassesRetainedSize).
//
// The class key is the class name, prefixed by the script location for
// objects V8 recorded one for ("scriptId,line,column,Name"; ",Name"
// otherwise), so same-named constructors from different scripts stay apart.
// Only nodes with a non-zero shallow size are counted. A class's retained size
// adds an instance's retained size only when no dominator-tree ancestor has the
// same class, so nested instances are not counted twice.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_CLASS_HISTOGRAM_H_
#define HEAPSLEUTH_LIB_ANALYSIS_CLASS_HISTOGRAM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct ClassRow {
  std::string key;
  std::string name;
  uint64_t count = 0;
  uint64_t self_size = 0;
  uint64_t retained_size = 0;
  int32_t distance = 0;  // The smallest distance of an instance.
  uint32_t first_node = 0;  // Ordinal of the first instance in file order.

  friend bool operator==(const ClassRow&, const ClassRow&) = default;
};

// DevTools' public class key of `node`.
std::string ClassKey(const graph::Graph& graph, const graph::HeapAnalysis& analysis, uint32_t node);

// Rows sorted by retained size, then self size, then name (descending,
// descending, ascending), so output is deterministic. With `node_rows`, also
// each node's row in the result (UINT32_MAX for nodes not counted: self size
// 0), so a caller can list a class's instances without rebuilding keys.
std::vector<ClassRow> ComputeClassHistogram(const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                            std::vector<uint32_t>* node_rows = nullptr);

// ComputeClassHistogram in its two steps, for a caller that frees the
// analysis' other per-node columns between them (SummarizeHeap): the second
// reads only the dominator tree's dominator and retained_size columns.
struct NodesByClass {
  std::vector<ClassRow> rows;      // In order of first instance; retained sizes not yet added.
  std::vector<uint32_t> node_row;  // Per node: its row, or UINT32_MAX (self size 0).
};
NodesByClass GroupNodesByClass(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
std::vector<ClassRow> FinishClassHistogram(const graph::Graph& graph, const graph::DominatorTree& dominators,
                                           NodesByClass grouped, std::vector<uint32_t>* node_rows = nullptr);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_CLASS_HISTOGRAM_H_
