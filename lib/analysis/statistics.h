// DevTools' Statistics view: where the heap's bytes are (calculateStatistics).
//
// Sizes are DevTools' shallow sizes. `total` is the root's retained size plus
// the snapshot's extra_native_bytes (memory the embedder reports but has no
// nodes for). JS arrays count an Array's own size plus its elements store
// when nothing else retains that store.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_STATISTICS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_STATISTICS_H_

#include <cstdint>

#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct HeapStatistics {
  uint64_t total = 0;
  uint64_t native_total = 0;
  uint64_t native_typed_arrays = 0;
  uint64_t v8heap_total = 0;
  uint64_t code = 0;
  uint64_t js_arrays = 0;
  uint64_t strings = 0;
  uint64_t system = 0;
  uint64_t extra_native_bytes = 0;

  friend bool operator==(const HeapStatistics&, const HeapStatistics&) = default;
};

HeapStatistics ComputeStatistics(const graph::Graph& graph, const graph::HeapAnalysis& analysis);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_STATISTICS_H_
