// `heapsleuth-nodes` output: every node, one record per line, as TSV (with a
// header) or JSON Lines (schemas/nodes.schema.json describes one line). The
// columns are the ones the differential test compares with DevTools.
#ifndef HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_
#define HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/report/json_writer.h"

namespace heapsleuth::report {

enum class NodesFormat { kTsv, kJsonl };

// Streams all nodes to `out`; fails only when writing fails.
absl::Status WriteNodes(const graph::Graph& graph, const graph::HeapAnalysis& analysis, NodesFormat format,
                        std::FILE* out);

// The pieces, shared with heapsleuth-query so that its rows are the same:
// the TSV header line, one node's TSV line, one node's JSON Lines line, and
// one node's fields (without schema_version) written into an open JSON object.
void AppendNodeTsvHeader(std::string& out);
void AppendNodeTsvRow(std::string& out, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                      uint32_t node);
void AppendNodeJsonLine(std::string& out, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                        uint32_t node);
void AppendNodeJsonFields(JsonWriter& json, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                          uint32_t node);

// Writes `buffer` to `out` and empties it; fails when writing fails.
absl::Status FlushBuffer(std::string& buffer, std::FILE* out);

}  // namespace heapsleuth::report

#endif  // HEAPSLEUTH_LIB_REPORT_NODES_REPORT_H_
