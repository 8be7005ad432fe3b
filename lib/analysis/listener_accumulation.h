// Listener accumulation (series detector): EventEmitter listeners that pile
// up across a series of node snapshots.
//
// In: each snapshot of one process, oldest first (AddSnapshot), then the
// last one's LeakContext (Findings). Out: one kHigh finding per emitter and
// event whose listener count rises at every step: subject
// `EventEmitter 'tick' → onTick` (emitter class, event name, the listener
// function most of them are), series = listeners per snapshot, count = the
// last one, retained = what the listeners keep alive together, path = why
// the last listener is alive, place = its function's source place, items =
// the listener functions (name, how many, bytes) then what the last one
// captures ("onTick→bigArray", bytes).
// Kept between snapshots: (emitter id, event) → counts (an event first
// seen later counts 0 before), and when each emitter first appeared: an
// emitter must be in at least two snapshots to show growth. Cost O(nodes + edges) per snapshot.
//
// The layout, from node 20 snapshots (node-leak-s3, corpus
// node/event-listeners): an emitter has a property `_events`, an object made
// with a null prototype (dictionary mode), whose property edges are the event
// names; each leads to the one listener (a closure) or to an Array of them
// (`element` edges). A `once` listener is a bound function (named
// native_bind) whose property `listener` is the program's function: named,
// placed and searched for captures through that one.
// Emitters are followed by V8 object id; the listener Array changes identity
// when a second listener is added, the emitter does not.
//
// Thresholds: node's own emitters (process, streams, the module loader) did
// not gain a listener at every step of node-clean-s1/s2,
// node-timers-clean-s1..s3 or corpus node/control-transient (measured with
// no minimum growth). The leaks add 4 (node-leak) and 50 (corpus)
// per step. Default: at least one more at every step and 2 per step on
// average.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_LISTENER_ACCUMULATION_H_
#define HEAPSLEUTH_LIB_ANALYSIS_LISTENER_ACCUMULATION_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "lib/analysis/leak_finding.h"
#include "lib/base/ids.h"
#include "lib/graph/graph.h"
#include "lib/graph/heap_analysis.h"

namespace heapsleuth::analysis {

struct ListenerAccumulationOptions {
  uint64_t min_growth_per_step = 2;  // Listeners, on average over the series.
};

class ListenerAccumulation {
 public:
  explicit ListenerAccumulation(const ListenerAccumulationOptions& options = {}) : options_(options) {}

  void AddSnapshot(const graph::Graph& graph, const graph::HeapAnalysis& analysis);
  std::vector<Finding> Findings(const LeakContext& ctx) const;

 private:
  struct Tracked {
    std::vector<uint64_t> counts;    // Listeners per snapshot.
    uint32_t last_holder = kNoNode;  // The listener or listener Array, in the latest snapshot.
    NodeId last_holder_id = 0;
    uint32_t last_emitter = kNoNode;
  };
  ListenerAccumulationOptions options_;
  size_t snapshots_ = 0;
  // (emitter id, event name) → counts.
  std::map<std::pair<NodeId, std::string>, Tracked> tracked_;
  std::unordered_map<NodeId, uint32_t> first_seen_;  // Emitter id → the snapshot it first appeared in.
};

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_LISTENER_ACCUMULATION_H_
