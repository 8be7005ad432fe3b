// Closure captures (one-snapshot detector): functions whose closures keep
// far more alive through their captured variables than they are themselves.
//
// In: the analysed snapshot (LeakContext). Out: one kHigh finding per
// function (closures grouped by their SharedFunctionInfo, so the 8 `onTick`
// closures of node-leak-s3 are one finding): subject = the function's name,
// count = its closures, retained = what they keep alive together, place =
// the function's source place, items = the captured variables holding the
// memory (name, closures capturing it, bytes), largest first.
// Cost: every closure's Context chain, O(nodes + edges) in all.
//
// What a capture holds (finding_support.h, CapturedVariables): the retained
// size of each captured value that its Context alone keeps alive, through
// the Contexts private to the closure. From real snapshots:
//   - node-leak-s3: each `onTick` captures `bigArray`, retained 800,048
//     bytes (its 800,016-byte backing store); 8 closures, 6,400,384 bytes.
//   - node-timers-s3: 10 `onPoll` hold `samples`, 1,600,480 bytes; 6
//     `onExpire` hold `pending`, 96,288 (reported as timers instead).
//   - corpus node/closure-capture: 2 `captureHuge` hold `huge`, 16,000,096;
//     node/event-listeners: 100 `onTick` hold an unnamed slot (`ctx`), 808,800.
//   - Clean heaps: the most any function's closures held this way was 83,336
//     bytes on corpus node/control-transient and 80,472 on node-clean-s2
//     (both node's `internalBinding`, its binding cache); nothing at all on
//     chromium-clean and chromium/control-clean.
// So the defaults ask a function's closures to hold at least 256 KiB
// together (3x the largest clean figure) and at least 2% of the heap
// (DevTools' Total), so that on big heaps only what matters is listed.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_CLOSURE_CAPTURES_H_
#define HEAPSLEUTH_LIB_ANALYSIS_CLOSURE_CAPTURES_H_

#include <cstdint>
#include <vector>

#include "lib/analysis/leak_finding.h"

namespace heapsleuth::analysis {

struct ClosureCaptureOptions {
  uint64_t min_captured_bytes = 256 * 1024;  // Held by one function's closures together.
  double min_heap_share = 0.02;              // Of DevTools' Total (the root's retained size).
};

std::vector<Finding> FindClosureCaptures(const LeakContext& ctx, const ClosureCaptureOptions& options = {});

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_CLOSURE_CAPTURES_H_
