#include "lib/snapshot/memory_estimate.h"

#include <algorithm>

#include "lib/base/checked_math.h"

namespace heapsleuth::snapshot {
namespace {

uint64_t SaturatingMul(uint64_t a, uint64_t b) { return CheckedMul(a, b).value_or(UINT64_MAX); }
uint64_t SaturatingAdd(uint64_t a, uint64_t b) { return CheckedAdd(a, b).value_or(UINT64_MAX); }

}  // namespace

MemoryEstimate EstimateLoadMemory(const SnapshotMeta& meta, uint64_t file_bytes) {
  MemoryEstimate estimate;
  estimate.nodes = SaturatingMul(meta.node_count, kLoadBytesPerNode);
  estimate.edges = SaturatingMul(meta.edge_count, kLoadBytesPerEdge);
  // Each integer of nodes and edges takes a digit and a separator at least.
  const uint64_t values =
      SaturatingAdd(SaturatingMul(meta.node_count, static_cast<uint64_t>(meta.node_field_count())),
                    SaturatingMul(meta.edge_count, static_cast<uint64_t>(meta.edge_field_count())));
  const uint64_t array_bytes = SaturatingMul(values, 2);
  estimate.other_bytes = file_bytes - std::min(file_bytes, array_bytes);
  estimate.total = SaturatingAdd(SaturatingAdd(estimate.nodes, estimate.edges),
                                 SaturatingMul(estimate.other_bytes, kLoadBytesPerOtherByte));
  return estimate;
}

}  // namespace heapsleuth::snapshot
