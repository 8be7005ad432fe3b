// Runs every leak detector over a series of snapshots, or over one, and
// returns their findings ranked (leak_finding.h): what heapsleuth-leaks
// reports.
//
// Feed the snapshots oldest first with AddSnapshot; each can be freed right
// after, since the series detectors keep only small summaries (object ids,
// a few numbers per collection, listener and timer counts). The last one
// added is the analysed snapshot, which Findings gets again in its context.
// For the earlier ones, the series detectors read only the graph, the
// detachedness and the class names (graph::AnalyzeClasses is enough).
//
// With three or more snapshots, memlab's method runs too (leak_candidates.h:
// objects new in the second snapshot and alive in every later one), and so
// do the series detectors; the one-snapshot detectors (detached DOM and
// listeners, closure captures, duplicated strings, oversized objects) always
// run, on the last snapshot. On a heap with React, react_components.h names
// the components whose unmounted instances are still alive (with a series,
// their count per snapshot).
#ifndef HEAPSLEUTH_LIB_ANALYSIS_LEAK_ANALYSIS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_LEAK_ANALYSIS_H_

#include <cstddef>
#include <vector>

#include "lib/analysis/leak_clusters.h"
#include "lib/analysis/leak_finding.h"
#include "lib/analysis/listener_accumulation.h"
#include "lib/analysis/react_components.h"
#include "lib/analysis/timer_accumulation.h"
#include "lib/analysis/unbounded_collections.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

class LeakAnalysis {
 public:
  // `snapshot_count`: how many AddSnapshot calls will come (1 for --snapshot).
  explicit LeakAnalysis(size_t snapshot_count);

  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);

  // Every detector's findings on the last snapshot added, ranked.
  std::vector<Finding> Findings(const LeakContext& last) const;

 private:
  size_t snapshot_count_;
  LeakedObjectsDetector leaked_objects_;
  UnboundedCollections collections_;
  ListenerAccumulation listeners_;
  TimerAccumulation timers_;
  ReactComponentSeries react_;
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_LEAK_ANALYSIS_H_
