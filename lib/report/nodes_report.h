// `heapsleuth-nodes` output: every node, one record per line, as TSV (with a
// header) or JSON Lines (schemas/nodes.schema.json describes one line). The
// columns are the ones the differential test compares with DevTools.
#ifndef HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_

#include <cstdio>

#include "absl/status/status.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::report {

enum class NodesFormat { kTsv, kJsonl };

// Streams all nodes to `out`; fails only when writing fails.
absl::Status WriteNodes(const graph::Graph& graph, const graph::HeapAnalysis& analysis, NodesFormat format,
                        std::FILE* out);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_
