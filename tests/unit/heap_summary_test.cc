// The summary's encoding (lib/analysis/heap_summary.h): it round-trips on real
// samples, and a damaged encoding is refused with the byte where it stops
// making sense, never a crash or an allocation the bytes cannot back.
#include "lib/analysis/heap_summary.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>
#include <utility>

#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

analysis::HeapSummary SampleSummary() {
  const testing::LoadedSample sample = testing::LoadSample("node-leak-s1.heapsnapshot");
  return analysis::SummarizeHeap(sample.graph, sample.analysis);
}

}  // namespace

TEST_CASE("Heap summary: encoding round-trips") {
  const analysis::HeapSummary summary = SampleSummary();
  REQUIRE(summary.classes.size() > 10);
  CHECK(summary.statistics.total > 0);
  auto decoded = analysis::DecodeHeapSummary(analysis::EncodeHeapSummary(summary));
  REQUIRE(decoded.ok());
  CHECK(*decoded == summary);
}

// heapsleuth-summary's overload frees the analysis' columns as it goes; the
// result must not depend on it.
TEST_CASE("Heap summary: consuming the analysis gives the same summary") {
  const testing::LoadedSample sample = testing::LoadSample("node-leak-s1.heapsnapshot");
  graph::HeapAnalysis consumed = sample.analysis;
  const analysis::HeapSummary summary = analysis::SummarizeHeap(sample.graph, std::move(consumed));
  CHECK(consumed.self_size.empty());
  CHECK(summary == analysis::SummarizeHeap(sample.graph, sample.analysis));
}

TEST_CASE("Heap summary: damaged encodings are refused") {
  const std::string good = analysis::EncodeHeapSummary(SampleSummary());
  SECTION("cut at every length") {
    for (size_t length = 0; length < good.size(); length += (length < 200 ? 1 : 97)) {
      auto decoded = analysis::DecodeHeapSummary(std::string_view(good).substr(0, length));
      REQUIRE_FALSE(decoded.ok());
      const std::string message(decoded.status().message());
      CHECK(message.rfind("summary section: byte ", 0) == 0);
      CHECK(message.find('\n') == std::string::npos);
    }
  }
  SECTION("trailing bytes") {
    CHECK_FALSE(analysis::DecodeHeapSummary(good + "x").ok());
  }
  SECTION("a class count larger than the bytes can hold") {
    // The class count follows the counts (24 bytes), the node fields and
    // the nine statistics.
    size_t at = 24;
    uint32_t fields;
    std::memcpy(&fields, good.data() + at, 4);
    at += 4;
    for (uint32_t i = 0; i < fields; ++i) {
      uint32_t length;
      std::memcpy(&length, good.data() + at, 4);
      at += 4 + length;
    }
    at += 9 * 8;
    std::string bad = good;
    const uint32_t huge = 0xfffffff0;
    std::memcpy(bad.data() + at, &huge, 4);
    auto decoded = analysis::DecodeHeapSummary(bad);
    REQUIRE_FALSE(decoded.ok());
    CHECK(std::string(decoded.status().message()).find("class count") != std::string::npos);
  }
}

}  // namespace heapsleuth
