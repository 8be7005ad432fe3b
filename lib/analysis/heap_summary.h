// What `heapsleuth-summary` reports about a heap, as one value: the snapshot's
// counts, DevTools' statistics split (statistics.h) and every row of the
// Summary view (class_histogram.h).
//
// It is small (one row per class), so `heapsleuth-index` stores it in the
// index file's "summary" section, encoded here; lib/graph only carries the
// bytes. Reopening a summary from the index then reads a few kilobytes
// instead of sweeping every node and edge of the mapped columns (which made
// a summary from big500's index fault in 540 MB). The encoding is
// length-prefixed little-endian; decoding is untrusted input and checks
// every length against what is left.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_HEAP_SUMMARY_H_
#define HEAPSLEUTH_LIB_ANALYSIS_HEAP_SUMMARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/analysis/class_histogram.h"
#include "lib/analysis/statistics.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct HeapSummary {
  uint32_t node_count = 0;
  uint32_t edge_count = 0;
  uint64_t string_count = 0;
  uint64_t file_bytes = 0;
  std::vector<std::string> node_fields;  // As the snapshot's meta lists them.
  HeapStatistics statistics;
  std::vector<ClassRow> classes;  // All of them, sorted as ComputeClassHistogram sorts.

  friend bool operator==(const HeapSummary&, const HeapSummary&) = default;
};

// Statistics on a second thread (they sweep the edges) while this one builds
// the class histogram (it sweeps the nodes).
HeapSummary SummarizeHeap(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
// The same, freeing the analysis' per-node columns as soon as the rest no
// longer reads them, so that the dominator-tree walk's scratch (three 4-byte
// arrays per node) does not add to `heapsleuth-summary`'s peak.
HeapSummary SummarizeHeap(const graph::Graph& graph, graph::HeapAnalysis&& analysis);

std::string EncodeHeapSummary(const HeapSummary& summary);
// InvalidArgument "summary section: ..." when `bytes` is not EncodeHeapSummary's.
absl::StatusOr<HeapSummary> DecodeHeapSummary(std::string_view bytes);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_HEAP_SUMMARY_H_
