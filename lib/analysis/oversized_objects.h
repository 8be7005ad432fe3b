// Oversized objects (one-snapshot detector, kLow): single objects that keep
// a large share of the heap alive, as memlab's object-size report and
// DevTools' Retainers-by-size show them.
//
// In: the analysed snapshot. Out: one kLow finding per object whose
// retained size is at least `min_heap_share` of DevTools' Total and at least
// `min_bytes`: subject = its path expression and class
// (`global.bus (EventEmitter)`), count 1, retained, path, place (its
// constructor's). Cost O(nodes) plus one walk up the
// dominator tree per candidate, memoized (as CombinedRetainedSize).
//
// Which objects: JavaScript objects, closures, arrays and strings reachable
// from a user root (DevTools distance below 100000000), not the global
// object or a `system / ...` internal, not a script's source text (code, as
// DevTools' Statistics count it: the React samples' 2.1 MB inline
// development bundle was 50% of react18-dev-clean-s3), and the outermost of
// nested candidates only (an Array, not also its backing store).
//
// Thresholds: on the clean heaps the largest such object held 447,296
// bytes, 13.3% of the heap (node's BuiltinModule, its module table, corpus
// node/control-transient), 272,592 = 9.3% on node-clean-s2 and
// node-timers-clean-s3; nothing above 100 KB on chromium-clean and
// chromium/control-clean. Leaks: global.bus 6,402,304 = 67% (node-leak-s3),
// corpus global.__callbacks 16,000,488 = 83%, global.__records 3,701,424 =
// 52%, global.__cache 2,299,400 = 40%. Default: 20% and 1 MiB.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_OVERSIZED_OBJECTS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_OVERSIZED_OBJECTS_H_

#include <cstdint>
#include <vector>

#include "lib/analysis/leak_finding.h"

namespace heapsleuth::analysis {

struct OversizedObjectOptions {
  double min_heap_share = 0.20;
  uint64_t min_bytes = 1024 * 1024;
};

std::vector<Finding> FindOversizedObjects(const LeakContext& ctx, const OversizedObjectOptions& options = {});

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_OVERSIZED_OBJECTS_H_
