// The bounded dominator tree (analysis/dominator_tree_aggregate.h) as JSON
// (schemas/dominator-tree.schema.json): the data of the report page's
// treemap. A flat array in pre-order with parent indices rather than nested
// objects, so a deep tree (a long linked list) nests nothing: no reader or
// validator recurses on it.
#ifndef HEAPSLEUTH_LIB_REPORT_DOMINATOR_TREE_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_DOMINATOR_TREE_REPORT_H_

#include <string>

#include "lib/analysis/dominator_tree_aggregate.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

struct DominatorTreeInput {
  std::string file_name;
  const graph::Graph* graph = nullptr;
  const graph::HeapAnalysis* analysis = nullptr;
  analysis::DominatorTreeAggregateOptions options;
  analysis::DominatorTreeAggregate tree;
};

// One line (no indentation): it is embedded in a page, where bytes count.
std::string DominatorTreeJson(const DominatorTreeInput& input);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_DOMINATOR_TREE_REPORT_H_
