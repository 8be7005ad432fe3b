// EstimateLoadMemory is an upper bound on a real load's peak heap, and
// ParseLimits::max_memory refuses exactly what exceeds it. A test binary of
// its own (heapsleuth_memory_tests): it replaces the global operator new to
// measure the peak.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

#include "lib/analysis/heap_summary.h"
#include "lib/base/mapped_file.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/report/summary_report.h"
#include "lib/snapshot/memory_estimate.h"
#include "lib/snapshot/parser.h"

// Peak heap use of this test binary, counted in the global operator new:
// every std::vector and std::string of the library allocates through it.
namespace {
std::atomic<uint64_t> g_heap_now{0}, g_heap_peak{0};

void* CountedAlloc(size_t size) {
  // A header in front of each block remembers its size for delete.
  void* block = std::malloc(size + 16);
  if (block == nullptr) throw std::bad_alloc();
  *static_cast<size_t*>(block) = size;
  const uint64_t now = g_heap_now.fetch_add(size) + size;
  uint64_t peak = g_heap_peak.load();
  while (now > peak && !g_heap_peak.compare_exchange_weak(peak, now)) {
  }
  return static_cast<char*>(block) + 16;
}

void CountedFree(void* p) {
  if (p == nullptr) return;
  void* block = static_cast<char*>(p) - 16;
  g_heap_now.fetch_sub(*static_cast<size_t*>(block));
  std::free(block);
}
}  // namespace

// Every replaceable form that allocates without extra alignment; the library
// allocates nothing over-aligned, so the aligned forms keep the default.
void* operator new(size_t size) { return CountedAlloc(size); }
void* operator new[](size_t size) { return CountedAlloc(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  try {
    return CountedAlloc(size);
  } catch (const std::bad_alloc&) {
    return nullptr;
  }
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept { return operator new(size, tag); }
void operator delete(void* p) noexcept { CountedFree(p); }
void operator delete[](void* p) noexcept { CountedFree(p); }
void operator delete(void* p, size_t) noexcept { CountedFree(p); }
void operator delete[](void* p, size_t) noexcept { CountedFree(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { CountedFree(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { CountedFree(p); }

namespace heapsleuth::snapshot {
namespace {

const std::string kSample = std::string(HEAPSLEUTH_SOURCE_DIR) + "/samples/node-leak-s1.heapsnapshot";

TEST_CASE("Memory estimate: an upper bound on a real load's peak heap, within 3x of it") {
  auto file = MappedFile::Open(kSample);
  REQUIRE(file.ok());
  NoProgress progress;
  const uint64_t base = g_heap_now.load();
  g_heap_peak.store(base);
  auto raw = ParseSnapshot(**file, progress);
  REQUIRE(raw.ok());
  const MemoryEstimate estimate = EstimateLoadMemory(raw->meta, (*file)->data().size());
  {
    const graph::Graph graph = graph::Graph::Build(*std::move(raw));
    const graph::HeapAnalysis analysis = graph::AnalyzeHeap(graph, progress);
    const analysis::HeapSummary summary = analysis::SummarizeHeap(graph, analysis);
    report::SummaryInput input{kSample, &summary, 20};
    CHECK(!report::SummaryJson(input).empty());
  }
  const uint64_t peak = g_heap_peak.load() - base;
  INFO("peak heap " << peak << " bytes, estimate " << estimate.total << " bytes");
  CHECK(peak <= estimate.total);
  CHECK(estimate.total <= 3 * peak);
}

TEST_CASE("Memory estimate: hostile counts saturate instead of wrapping") {
  SnapshotMeta meta;
  meta.node_fields.resize(7);
  meta.edge_fields.resize(3);
  meta.node_count = UINT64_MAX / 2;
  meta.edge_count = UINT64_MAX / 2;
  const MemoryEstimate estimate = EstimateLoadMemory(meta, 1000);
  CHECK(estimate.total == UINT64_MAX);
  CHECK(estimate.other_bytes == 0);
}

TEST_CASE("Memory limit: refused before loading, at the header, exactly above the estimate") {
  auto file = MappedFile::Open(kSample);
  REQUIRE(file.ok());
  NoProgress progress;
  auto raw = ParseSnapshot(**file, progress);
  REQUIRE(raw.ok());
  const uint64_t needed = EstimateLoadMemory(raw->meta, (*file)->data().size()).total;
  CHECK(ParseSnapshot(**file, progress, ParseLimits{needed}).ok());
  absl::Status refused = ParseSnapshot(**file, progress, ParseLimits{needed - 1}).status();
  CHECK(absl::IsResourceExhausted(refused));
  CHECK(std::string(refused.message()) ==
        kSample + ": byte 12: snapshot: loading 39159 nodes, 177869 edges and up to " +
            std::to_string(EstimateLoadMemory(raw->meta, (*file)->data().size()).other_bytes) +
            " bytes of strings needs up to " + std::to_string(needed) + " bytes of memory, more than the limit of " +
            std::to_string(needed - 1) + " bytes");
}

}  // namespace
}  // namespace heapsleuth::snapshot
