// How much memory loading a snapshot will take, known from its header alone.
//
// The `snapshot` header states node_count and edge_count before any array,
// and the file's size bounds the rest, so the parser can refuse a snapshot
// that would not fit in a memory limit (the tools' --max-memory) before it
// allocates anything. The figure is an upper bound on the heap memory of a
// whole load, parse + Graph::Build + AnalyzeHeap + a report, not a
// prediction: per node, the graph's columns (18 bytes), the analysis results
// (33) and the dominator tree's scratch arrays (about 30; AnalyzeHeap frees
// them before the results are made, so the sum leaves room for a report's
// own per-node scratch), rounded up to 96; per edge, the graph's 9 bytes, the
// essential-edge bit and the dominators' predecessor lists (or a report's
// retainer index, 8 bytes), rounded up to 20; for the other
// sections (strings, locations), 3 bytes per file byte not taken by the
// integer arrays (at least 2 bytes per value): the decoded strings are never
// longer than their JSON, their arena may grow to twice that, plus 8 bytes of
// offset per string. The mapped file is not counted (page cache, released as
// the parser goes; stdin and compressed input are copied to a temporary file
// first).
// tests/unit/memory_estimate_test.cc checks the bound against a real load.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_MEMORY_ESTIMATE_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_MEMORY_ESTIMATE_H_

#include <cstdint>

#include "lib/snapshot/meta.h"

namespace heapsleuth::snapshot {

inline constexpr uint64_t kLoadBytesPerNode = 96;
inline constexpr uint64_t kLoadBytesPerEdge = 20;
inline constexpr uint64_t kLoadBytesPerOtherByte = 3;

struct MemoryEstimate {
  uint64_t nodes = 0;        // node_count x kLoadBytesPerNode.
  uint64_t edges = 0;        // edge_count x kLoadBytesPerEdge.
  uint64_t other_bytes = 0;  // File bytes left for strings and the rest.
  uint64_t total = 0;        // Saturates at UINT64_MAX.
};

// `file_bytes` is the whole file's size. Never overflows: counts come from
// untrusted headers, so every product saturates.
MemoryEstimate EstimateLoadMemory(const SnapshotMeta& meta, uint64_t file_bytes);

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_MEMORY_ESTIMATE_H_
