// Unbounded collections (series detector): Arrays, Maps, Sets and
// dictionary-mode objects whose element count rises at every step of a
// series, followed by V8 object id, with the growth per step.
//
// In: each snapshot of one process, oldest first (AddSnapshot), then the
// analysed (last) snapshot's LeakContext (Findings). Out: one kHigh finding
// per collection, subject = the collection's path expression
// ("global.leakyRecords"), series = element counts, items = the classes of
// its elements in the last snapshot, place = the collection's constructor
// or, for Arrays and Maps (V8 records none), that of its most common
// element class (LeakyRecord's).
// Kept between snapshots: id → counts of the collections still growing
// (a few dozen bytes each); cost O(nodes + edges) per snapshot.
//
// Counting elements, from node 20 and Chromium 156 snapshots:
//   - Array: its own `element` edges. V8 writes one per element that is a
//     heap object and none for holes or small integers, so a 1,000-slot
//     backing store holding 600 records counts 600 (the `(object elements)`
//     store itself repeats them as numbered internal edges: not counted).
//   - Map: its `table` (an OrderedHashMap: 3 header slots, the buckets, then
//     entries of key, value, chain) has numbered internal edges to keys and
//     values. Buckets and chains hold small integers (no edges), deleted
//     entries hold the hole (no edge), so a key and its value are slots
//     3+b+3k and 3+b+3k+1. b is a power of two, so b mod 3 is 1 or 2; of the
//     two ways to pair slots into entries, the one giving fewer entries is
//     the table's (the other splits every pair). recordCache: 240 entries.
//   - Set: the table's numbered internal edges, one per key.
//   - Dictionary-mode (and out-of-object) plain objects, the ones with an
//     `(object properties)` store: their `property` edges but __proto__.
//
// Series: a collection is followed from the snapshot it first appears in
// (before that it had no elements: counted 0, so an Array made after the
// baseline still shows its growth: corpus node/array-growth 0, 10000, 20000)
// and must be in at least two snapshots, so that a growth was seen, not
// assumed. Dropped once it shrinks, stays flat or is gone.
//
// False alarms. Measured with a minimum growth of 1 element: no collection
// reachable from a user root grew at every step on node-clean-s1/s2,
// node-timers-clean-s1..s3, corpus node/control-transient and
// chromium/control-clean; node's own timer queue (`timerListQueue`) grew
// 0, 4, 7 in node-timers-s1..s3, and collections only the system reaches
// (code tables, script lists, feedback) are never reported. The leaks grow by
// 120 (recordCache), 300 (leakyRecords), 5,000 (corpus __cache) and 10,000
// (corpus __records) elements per step. Default: at least 64 per step on
// average (18x node's queue, half the smallest leak), one more at every step,
// and reachable from a user root (DevTools distance below 100000000) in the
// last snapshot. Listener Arrays (4 and 50 per step) and callback registries
// (corpus __callbacks, 1 per step) stay under it: the listener and
// closure-capture detectors report those with better names.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_UNBOUNDED_COLLECTIONS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_UNBOUNDED_COLLECTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/base/ids.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct UnboundedCollectionOptions {
  // Least average growth per step, in elements (see above: internals grow
  // by at most 25, the smallest leak by 120).
  uint64_t min_growth_per_step = 64;
};

enum class CollectionKind : uint8_t { kArray, kMap, kSet, kDictionary };

// The element count of `node` by the rules above; nullopt when the node is
// not a collection (also: a plain object without a property store).
std::optional<std::pair<CollectionKind, uint64_t>> CountCollectionElements(const graph::Graph& graph,
                                                                           const graph::HeapAnalysis& analysis,
                                                                           uint32_t node);

class UnboundedCollections {
 public:
  explicit UnboundedCollections(const UnboundedCollectionOptions& options = {}) : options_(options) {}

  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
  std::vector<Finding> Findings(const LeakContext& ctx) const;

 private:
  struct Tracked {
    CollectionKind kind = CollectionKind::kArray;
    std::vector<uint64_t> counts;  // One per snapshot so far.
    uint32_t last_node = kNoNode;  // Ordinal in the latest snapshot.
    uint32_t first_seen = 0;       // The snapshot it first appeared in.
  };
  UnboundedCollectionOptions options_;
  size_t snapshots_ = 0;
  std::unordered_map<NodeId, Tracked> tracked_;  // Growing at every step so far.
  std::unordered_set<NodeId> dropped_;           // Seen, and stopped growing or gone.
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_UNBOUNDED_COLLECTIONS_H_
