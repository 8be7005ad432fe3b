#include "lib/analysis/dominator_tree_aggregate.h"

#include <catch2/catch.hpp>

#include "tests/unit/sample_loader.h"

namespace heapsleuth {
namespace {

using analysis::AggregateEntry;
using analysis::kNoEntry;

void CheckAggregate(const testing::LoadedSample& heap, uint32_t max_nodes) {
  const auto& retained = heap.analysis.dominators.retained_size;
  const analysis::DominatorTreeAggregate tree =
      analysis::AggregateDominatorTree(heap.graph, heap.analysis, {max_nodes, 0});
  const std::vector<AggregateEntry>& entries = tree.entries;
  INFO("max_nodes " << max_nodes << ", entries " << entries.size());
  REQUIRE(!entries.empty());
  CHECK(entries.size() <= std::max(max_nodes, 1 + analysis::kMaxMergedGroups));
  CHECK(entries[0].node == heap.graph.root());
  CHECK(entries[0].parent == kNoEntry);
  CHECK(tree.total_size == retained[heap.graph.root()] + heap.graph.extra_native_bytes());

  // Sums over each entry's children, and the order of siblings.
  std::vector<uint64_t> child_retained(entries.size(), 0), child_dominated(entries.size(), 0);
  std::vector<uint32_t> last_child(entries.size(), kNoEntry), merged_under(entries.size(), 0);
  std::vector<bool> kept(heap.graph.node_count(), false);
  uint32_t objects = 0;
  for (uint32_t i = 0; i < entries.size(); ++i) {
    const AggregateEntry& entry = entries[i];
    if (entry.node != kNoEntry) {
      ++objects;
      kept[entry.node] = true;
      CHECK(entry.retained_size == retained[entry.node]);
    } else {
      CHECK(entry.child_count >= 1);
    }
    if (i == 0) continue;
    REQUIRE(entry.parent < i);  // Pre-order: the parent comes first.
    const AggregateEntry& parent = entries[entry.parent];
    REQUIRE(parent.node != kNoEntry);
    if (entry.node != kNoEntry) CHECK(heap.analysis.dominators.dominator[entry.node] == parent.node);
    if (last_child[entry.parent] != kNoEntry) {
      const AggregateEntry& previous = entries[last_child[entry.parent]];
      // Kept objects first, then the merged entries, each by retained size.
      if (entry.node != kNoEntry) CHECK(previous.node != kNoEntry);
      // (The group of mixed classes, if any, comes last, whatever its size.)
      if (entry.node != kNoEntry || entry.class_index != kNoEntry) {
        if ((entry.node == kNoEntry) == (previous.node == kNoEntry)) CHECK(previous.retained_size >= entry.retained_size);
        if (previous.node == kNoEntry) CHECK(previous.class_index != kNoEntry);
      }
    }
    if (entry.node == kNoEntry) CHECK(++merged_under[entry.parent] <= analysis::kMaxMergedGroups);
    last_child[entry.parent] = i;
    child_retained[entry.parent] += entry.retained_size;
    child_dominated[entry.parent] +=
        entry.dominated_count + (entry.node != kNoEntry ? 1 : entry.child_count);
  }
  CHECK(objects == tree.kept_objects);
  // The treemap covers the heap exactly: own size + children = retained.
  for (uint32_t i = 0; i < entries.size(); ++i) {
    if (entries[i].node == kNoEntry) continue;
    INFO("entry " << i);
    CHECK(heap.analysis.self_size[entries[i].node] + child_retained[i] == entries[i].retained_size);
    CHECK(child_dominated[i] == entries[i].dominated_count);
  }
  // Best-first: no object left out retains more than one kept.
  uint64_t smallest_kept = UINT64_MAX, largest_left = 0;
  for (uint32_t node = 0; node < heap.graph.node_count(); ++node) {
    if (kept[node]) {
      smallest_kept = std::min(smallest_kept, retained[node]);
    } else {
      largest_left = std::max(largest_left, retained[node]);
    }
  }
  CHECK(largest_left <= smallest_kept);
}

TEST_CASE("The bounded dominator tree stays bounded and adds up") {
  for (const char* sample : {"node-leak-s3.heapsnapshot", "chromium-detached-dom.heapsnapshot"}) {
    INFO(sample);
    const testing::LoadedSample heap = testing::LoadSample(sample);
    for (uint32_t max_nodes : {1u, 7u, 8u, 101u, 5000u, 50000u}) CheckAggregate(heap, max_nodes);
  }
}

TEST_CASE("The bounded dominator tree merges what retains less than min_size") {
  const testing::LoadedSample heap = testing::LoadSample("node-leak-s3.heapsnapshot");
  const analysis::DominatorTreeAggregate tree =
      analysis::AggregateDominatorTree(heap.graph, heap.analysis, {50000, 100000});
  for (size_t i = 1; i < tree.entries.size(); ++i) {
    if (tree.entries[i].node != kNoEntry) CHECK(tree.entries[i].retained_size >= 100000);
  }
}

}  // namespace
}  // namespace heapsleuth
