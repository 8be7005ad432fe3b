#include "lib/analysis/leak_finding.h"

#include <catch2/catch.hpp>
#include <random>

#include "lib/analysis/source_place.h"
#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

using analysis::Finding;
using analysis::FindingKind;
using analysis::FindingPriority;

// The definition, spelled out: a member counts unless a strict dominator of
// it is also a member.
uint64_t NaiveCombinedRetainedSize(const testing::LoadedSample& heap, const std::vector<uint32_t>& nodes) {
  std::vector<bool> member(heap.graph.node_count(), false);
  for (uint32_t node : nodes) member[node] = true;
  uint64_t total = 0;
  for (uint32_t node = 0; node < heap.graph.node_count(); ++node) {
    if (!member[node]) continue;
    bool dominated = false;
    for (uint32_t up = node; up != heap.graph.root() && !dominated;) {
      up = heap.analysis.dominators.dominator[up];
      dominated = member[up];
    }
    if (!dominated) total += heap.analysis.dominators.retained_size[node];
  }
  return total;
}

TEST_CASE("Combined retained size counts no byte twice") {
  const testing::LoadedSample heap = testing::LoadSample("node-leak-s3.heapsnapshot");
  std::mt19937 random(7);
  for (size_t size : {1u, 10u, 1000u, 20000u}) {
    std::vector<uint32_t> nodes;
    std::uniform_int_distribution<uint32_t> pick(1, heap.graph.node_count() - 1);
    for (size_t i = 0; i < size; ++i) nodes.push_back(pick(random));
    nodes.push_back(nodes.front());  // Listed twice, counted once.
    CHECK(analysis::CombinedRetainedSize(heap.graph, heap.analysis, nodes) == NaiveCombinedRetainedSize(heap, nodes));
  }
  // A whole subtree: only its top counts.
  const uint32_t root = heap.graph.root();
  std::vector<uint32_t> everything(heap.graph.node_count());
  for (uint32_t i = 0; i < heap.graph.node_count(); ++i) everything[i] = i;
  CHECK(analysis::CombinedRetainedSize(heap.graph, heap.analysis, everything) ==
        heap.analysis.dominators.retained_size[root]);
  CHECK(analysis::CombinedRetainedSize(heap.graph, heap.analysis, {}) == 0);
}

TEST_CASE("Findings rank high priority first, then by retained size") {
  auto make = [](FindingKind kind, FindingPriority priority, std::string subject, uint64_t retained) {
    Finding finding;
    finding.kind = kind;
    finding.priority = priority;
    finding.subject = std::move(subject);
    finding.retained_size = retained;
    return finding;
  };
  std::vector<Finding> findings = {make(FindingKind::kDuplicatedStrings, FindingPriority::kLow, "a", 900),
                                   make(FindingKind::kLeakedObjects, FindingPriority::kHigh, "b", 10),
                                   make(FindingKind::kDetachedDom, FindingPriority::kHigh, "c", 500),
                                   make(FindingKind::kClosureCapture, FindingPriority::kHigh, "d", 500)};
  analysis::RankFindings(findings);
  CHECK(findings[0].subject == "c");  // Ties by kind: detached DOM before closure capture.
  CHECK(findings[1].subject == "d");
  CHECK(findings[2].subject == "b");
  CHECK(findings[3].subject == "a");
  CHECK(analysis::IsLeakAtOrAbove(findings[2], 10));
  CHECK_FALSE(analysis::IsLeakAtOrAbove(findings[2], 11));
  CHECK_FALSE(analysis::IsLeakAtOrAbove(findings[3], 0));  // Low priority is never a leak.
}

TEST_CASE("Source places name the script of closures and constructors") {
  const testing::LoadedSample heap = testing::LoadSample("node-leak-s3.heapsnapshot");
  const analysis::ScriptNames scripts = analysis::ScriptNames::Collect(heap.graph);
  size_t closures = 0, objects = 0;
  for (uint32_t node = 0; node < heap.graph.node_count(); ++node) {
    const std::string_view name = heap.graph.node_name(node);
    if (name != "onTick" && name != "LeakyRecord") continue;
    const std::optional<analysis::SourcePlace> place = analysis::FindSourcePlace(heap.graph, scripts, node);
    if (!place) continue;  // The strings of these names have no place.
    CHECK(place->script.ends_with("/leak.cjs"));
    CHECK(place->function == name);
    if (name == "onTick") {
      REQUIRE(heap.graph.node_type(node) == heap.graph.node_types().closure);
      ++closures;
      // leak.cjs (samples/make-node-samples.mjs) line 22: `return function onTick() {`, column 25.
      CHECK(place->line == 22);
      CHECK(place->column == 25);
    } else {
      // The class LeakyRecord and its instances: the class's `constructor(i)`.
      objects += heap.graph.node_type(node) == heap.graph.node_types().object;
      CHECK(place->line == 9);
      CHECK(place->column == 14);
    }
  }
  CHECK(closures == 8);
  CHECK(objects == 600);
}

}  // namespace
}  // namespace heapsleuth
