// Parses a .heapsnapshot file into a RawSnapshot.
//
// Input: a MappedFile (whole file mapped, or stdin buffered). The top-level
// object is walked once, front to back, with a JsonCursor; `snapshot` goes to
// simdjson (ParseSnapshotMeta), the integer sections to ReadUintArray, the
// strings to DecodeJsonString. Pages already consumed are released as the
// walk goes, so peak memory is the columns plus a window of the file.
//
// Validation is complete: counts match node_count/edge_count, every to_node is
// a multiple of the node field count and in range, type and string indices are
// in range, and the edge_count fields sum to the number of edges. Allocations
// are sized only after checking that the file is big enough to hold what its
// header claims, so a 1 KB file cannot make us allocate gigabytes, and, given
// a memory limit, only after checking that the whole load will fit in it.
// Compressed input (gzip, zstd) is refused at byte 0 by its magic number,
// never inflated.
#ifndef HEAPSLEUTH_LIB_SNAPSHOT_PARSER_H_
#define HEAPSLEUTH_LIB_SNAPSHOT_PARSER_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "lib/base/mapped_file.h"
#include "lib/base/progress.h"
#include "lib/snapshot/raw_snapshot.h"

namespace heapsleuth::snapshot {

// Bounds a parse must respect, checked against the header before anything
// is allocated.
struct ParseLimits {
  // Refuse a snapshot whose EstimateLoadMemory (memory_estimate.h), plus the
  // input itself when it was read into memory, exceeds this. 0: no limit.
  uint64_t max_memory = 0;
  // The edges array is read by two threads, split at a comma so that each
  // thread reads about as many bytes (the other one reads the nodes first),
  // when it holds at least this many values. Tests set 0 (split any array
  // that can be) and UINT64_MAX (never) to compare the two.
  uint64_t split_edges_from_values = 1 << 22;
};

absl::StatusOr<RawSnapshot> ParseSnapshot(MappedFile& file, Progress& progress, const ParseLimits& limits = {});

}  // namespace heapsleuth::snapshot

#endif  // HEAPSLEUTH_LIB_SNAPSHOT_PARSER_H_
