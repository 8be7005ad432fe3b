// Timer accumulation (series detector): node timers (setInterval,
// setTimeout) that pile up across a series of snapshots.
//
// In: each snapshot of one process, oldest first (AddSnapshot), then the
// last one's LeakContext (Findings). Out: one kHigh finding per callback
// function whose live timers rise at every step: subject `timers → onPoll`,
// series = live timers per snapshot, count = the last one, retained = what
// those timers keep alive together, path = why one of them is alive, place
// = the callback's source place, items = the variables the callbacks capture
// (name, callbacks capturing it, bytes).
// Kept between snapshots: callback key → counts (a few per function).
// Cost O(nodes + edges) per snapshot.
//
// The layout, from node 20 snapshots (samples/node-timers-*): each timer is
// an object of class `Timeout` with a property `_onTimeout`, the callback
// closure; live timers are linked into node's timer lists (`_idleNext`,
// `_idlePrev`). clearTimeout/clearInterval set `_onTimeout` to null, so a
// Timeout whose `_onTimeout` is not a closure is a cleared one and is not
// counted. Callbacks are keyed by function name and source location
// (script id, line, column: stable within one process), so the many
// closures of one `function onPoll` are one callback.
//
// Thresholds: a bare node process has no Timeout at all (node-clean-s1/s2,
// node-timers-clean-s1..s3: 0 in every snapshot); the leak adds 5 `onPoll`
// and 3 `onExpire` timers per step. Default: one more at every step, and 2
// per step on average, so one timer started between two snapshots is not a
// leak.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_TIMER_ACCUMULATION_H_
#define HEAPSLEUTH_LIB_ANALYSIS_TIMER_ACCUMULATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct TimerAccumulationOptions {
  uint64_t min_growth_per_step = 2;  // Timers, on average over the series.
};

class TimerAccumulation {
 public:
  explicit TimerAccumulation(const TimerAccumulationOptions& options = {}) : options_(options) {}

  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
  std::vector<Finding> Findings(const LeakContext& ctx) const;

 private:
  TimerAccumulationOptions options_;
  size_t snapshots_ = 0;
  std::map<std::string, std::vector<uint64_t>> counts_;  // Callback key → live timers per snapshot.
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_TIMER_ACCUMULATION_H_
