// Growth over a series of snapshots of one process (heapsleuth-growth): per
// class and per collection object, the count and retained size in each
// snapshot, and whether they grew at every step.
//
// Classes are the Summary's class keys (class_histogram.h); as in a
// comparison, every snapshot's plain objects are named with the LAST
// snapshot's interfaces, so a key means the same class throughout. A class
// absent from a snapshot counts 0 there.
//
// Collections are the objects of class Array, Map and Set, and plain objects
// with a separate property store (dictionaries: objects used as maps),
// followed by V8 object id (stable within one process) across the series:
// their shallow size (which holds the backing store DevTools moves into its
// owner, so it follows capacity) and retained size. Only collections present
// in every snapshot form a series.
//
// Feed snapshots in time order with AddSnapshot (each one can be freed right
// after); the series then holds a few numbers per class and collection.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_SERIES_H_
#define HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_SERIES_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lib/base/ids.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

// One row: a value per snapshot.
struct SeriesRow {
  std::string key;                 // Class key, or "@<id>" for a collection.
  std::string name;                // Class name (for a collection: its class, Array/Map/Set).
  NodeId id = 0;                   // Collections only.
  std::vector<uint64_t> counts;    // Classes: instances. Collections: shallow size.
  std::vector<uint64_t> retained;  // Retained size.
};

// Whether a series rises at every step (strictly), and by how much per step
// on average ((last - first) / steps).
bool GrowsEveryStep(const std::vector<uint64_t>& values);
double GrowthPerStep(const std::vector<uint64_t>& values);

class SnapshotSeries {
 public:
  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);

  size_t snapshot_count() const { return totals_.size(); }
  // DevTools' Total (the root's retained size) per snapshot.
  const std::vector<uint64_t>& totals() const { return totals_; }
  // Every class seen, by key, with 0 where absent.
  std::vector<SeriesRow> Classes() const;
  // Collections present in every snapshot, by id.
  std::vector<SeriesRow> Collections() const;

 private:
  struct Values {
    std::string name;
    std::vector<uint64_t> counts, retained;  // Index = snapshot.
  };
  std::map<std::string, Values> classes_;
  std::unordered_map<NodeId, Values> collections_;
  std::vector<uint64_t> totals_;
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_SNAPSHOT_SERIES_H_
