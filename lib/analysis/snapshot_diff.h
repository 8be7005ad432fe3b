// Growth between two snapshots: DevTools' Comparison view (calculateSnapshotDiff)
// plus what DevTools lacks, the retained-size delta per class and the new
// objects that retain the most.
//
// Flow, built so that only one snapshot's graph is in memory at a time:
//
//   NEW graph --InferInterfaceDefinitions--> interfaces (owned strings)
//   BASE graph + analysis named with NEW's interfaces --CollectSide--> DiffSide
//   (the BASE graph is freed here; a DiffSide is ~16 bytes per object)
//   NEW analysis + BASE DiffSide --ComputeSnapshotDiff--> SnapshotDiff
//
// DevTools names the base's plain objects with the new snapshot's interfaces
// (aggregatesForDiff), so "{a, b}" is one class key on both sides. Class keys
// are the Summary's (class_histogram.h): nodes of shallow size 0 are not in
// any class. Within a class, V8 object ids are sorted and merged
// (calculateDiffForClass): an id only in BASE is deleted (its BASE shallow
// size is freed), an id only in NEW is added (its NEW shallow size is
// allocated); an id in both is unchanged even if its size changed. So
// count_delta = added - removed and size_delta = allocated - freed, exactly
// DevTools' figures.
//
// Ids are only stable within one process. When the two snapshots come from
// different processes (see ProcessMatch), ids are not compared: every class
// is matched by key only, with added/removed set to the count and size
// differences (DevTools would show garbage there).
#ifndef HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_DIFF_H_
#define HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_DIFF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/base/ids.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"
#include "lib/graph/retainer_paths.h"

namespace heapsleuth::analysis {

// What the diff needs of one snapshot, per class key: the Summary's count,
// shallow and retained size, and the instances' ids with their shallow sizes
// sorted by id (DevTools' sortAggregateIndexes).
struct DiffClass {
  std::string key;
  std::string name;
  uint64_t count = 0;
  uint64_t self_size = 0;
  uint64_t retained_size = 0;
  std::vector<NodeId> ids;           // Ascending.
  std::vector<uint64_t> self_sizes;  // Parallel to `ids`.
};

// A node's id and its class (an index into DiffSide::classes, UINT32_MAX
// for nodes of shallow size 0, which are in no class).
struct IdClass {
  NodeId id;
  uint32_t class_index;
};

struct DiffSide {
  std::vector<DiffClass> classes;  // Sorted by key.
  std::vector<IdClass> nodes;      // Every node, by ascending id.
  uint64_t total_size = 0;         // The root's retained size: DevTools' Total.
  uint32_t node_count = 0;
};

DiffSide CollectSide(const graph::Graph& graph, const graph::HeapAnalysis& analysis);

// Whether BASE and NEW look like one process. V8 keeps an object's id for
// its lifetime and never reuses one, so within one process a NEW object whose
// id is also in BASE is the same object, in the same class. Across processes
// the same id numbers name unrelated objects. `consistent_share` is the share
// of the objects with shared ids, weighted by shallow size, that are in the
// same class key on both sides (0 when no id is shared).
struct ProcessMatch {
  bool same_process = true;
  uint64_t shared_id_objects = 0;   // NEW objects (in a class) whose id is in BASE.
  uint64_t consistent_objects = 0;  // ... of those, in BASE under the same class key.
  double consistent_share = 1.0;    // By shallow size.
};

// The threshold on ProcessMatch::consistent_share below which the snapshots
// are taken to come from different processes. Measured on node 20 and
// Chromium 156 snapshots: pairs from one process are at 0.99998 or more (an
// object changes class only when its shape or detachedness changes); pairs
// from two processes share many ids, since startup is deterministic, but at
// most 0.975 of them agree (0.971 for two runs of the same script).
inline constexpr double kSameProcessMinShare = 0.99;

struct ClassDelta {
  std::string key;
  std::string name;
  // DevTools' Diff: addedCount, removedCount, countDelta, addedSize,
  // removedSize, sizeDelta.
  uint64_t added_count = 0;
  uint64_t removed_count = 0;
  int64_t count_delta = 0;
  uint64_t added_size = 0;
  uint64_t removed_size = 0;
  int64_t size_delta = 0;
  // The Summary's figures on each side (0 where the class is absent).
  uint64_t base_count = 0, new_count = 0;
  uint64_t base_self_size = 0, new_self_size = 0;
  uint64_t base_retained_size = 0, new_retained_size = 0;
  int64_t retained_delta = 0;
  // DevTools lists a class only when something was added or removed.
  bool in_devtools = false;

  bool changed() const { return in_devtools || retained_delta != 0; }
};

// A NEW object whose id is not in BASE.
struct NewObject {
  NodeId id = 0;
  uint32_t node = 0;  // Ordinal in the NEW graph.
  std::string class_name;
  uint64_t self_size = 0;
  uint64_t retained_size = 0;
  // The preferred shortest path from the GC roots (retainer_paths.h); unset
  // until AddRetainerPaths, or when nothing reaches the object.
  std::optional<graph::RetainerPath> path;
};

struct DiffTotals {
  uint64_t base_count = 0, new_count = 0;
  uint64_t added_count = 0, removed_count = 0;
  uint64_t added_size = 0, removed_size = 0;
  uint64_t base_size = 0, new_size = 0;  // DevTools' Total (the root's retained size).
};

struct SnapshotDiff {
  ProcessMatch process;
  // Every class of either side, sorted by key (reports show the changed ones).
  std::vector<ClassDelta> classes;
  DiffTotals totals;
  // The NEW objects absent from BASE with the largest retained sizes,
  // descending (ties: id). Empty across processes.
  std::vector<NewObject> top_new_objects;
  uint64_t new_object_count = 0;  // All NEW objects absent from BASE.
};

// `top_new` bounds top_new_objects.
SnapshotDiff ComputeSnapshotDiff(const DiffSide& base, const graph::Graph& graph, const graph::HeapAnalysis& analysis,
                                 size_t top_new);

// Fills each top new object's retainer path. Builds the NEW graph's reverse
// edges (8 bytes per edge) for the duration of the call.
void AddRetainerPaths(const graph::Graph& graph, const graph::HeapAnalysis& analysis, SnapshotDiff& diff);

int64_t SignedDelta(uint64_t from, uint64_t to);

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_DIFF_H_
