// Detached listeners: event listeners still registered on detached DOM
// elements, named by function, with where they are defined and what their
// closures capture.
//
// In: the analysed snapshot (LeakContext). Out: one Finding
// (kDetachedListener) per listener function and element shape: subject
// "onLeakyClick listener on detached <button class=\"leaky-button\">",
// count = distinct listener closures, retained_size = what those closures
// keep alive together (CombinedRetainedSize), place = the function's source
// place, path = the shortest retainer path of one closure, items = the
// captured context variables, each with how many distinct values the
// closures hold under that name and their retained bytes in total
// ("bigData": 4 values, 409,696 bytes).
//
// Rules worked out from real Chromium 156 snapshots (samples/chromium-leak-*,
// chromium-detached-dom, corpus chromium/detached-listener):
// - A listener hangs off its element through Blink internals, all `native`:
//     <button ...> -element:7-> blink::EventTargetData -element:1->
//     blink::BasicHeapVector<...> -element:1-> blink::RegisteredEventListener
//     -element:1-> EventListener -element:1-> V8EventListener -element:1->
//     onLeakyClick (closure)
//   So from each detached element (detached_dom.h's rules) we walk down
//   native non-DOM nodes that are not attached, at most `max_depth` steps,
//   and take every closure that a native node named "...EventListener"
//   points at. The walk never enters another DOM node (a child has its own
//   walk) and never an attached node (V8EventListener -> ScriptStateImpl is
//   shared with the live page), and each node is walked once: O(nodes +
//   edges) in all.
// - The closure's captured variables are the `context` edges of its context
//   (`internal` edge "context", a "system / Context" node) and of the outer
//   function contexts reached by "previous", up to the "system /
//   NativeContext" (not a "system / Context"). The chain is cut at a script
//   context, which every top-level function of the script shares (top-level
//   `class DetachedHolder` lives there): it is an entry (hidden edge) of the
//   "system / ScriptContextTable". A script without top-level let, const or
//   class has none (corpus detached-listener: the listener's function
//   context leads straight to the NativeContext). `this` is skipped. Each
//   context is walked once per finding and tested once for being a script
//   context, so 10,000 listeners made in one function cost no more than
//   their own edges.
// - A page that removes its listeners (removeEventListener) leaves no
//   EventTargetData entry: chromium-clean and chromium-control-s3 have no
//   listener closure left at all; chromium-control-s2 has its 2 listeners on
//   attached buttons, which the walk never starts from.
#ifndef HEAPSLEUTH_LIB_ANALYSIS_DETACHED_LISTENERS_H_
#define HEAPSLEUTH_LIB_ANALYSIS_DETACHED_LISTENERS_H_

#include <cstdint>
#include <vector>

#include "lib/analysis/leak_finding.h"

namespace heapsleuth::analysis {

struct DetachedListenerOptions {
  // Findings keeping less than this alive are not reported. 0 by default: a
  // listener left on a detached element is a leak whatever it holds, and the
  // controls have no detached element to start from (see above). The
  // smallest real finding measured is ~102 KB (each onLeakyClick in
  // chromium-leak-s3 with its 102,408-byte array).
  uint64_t min_retained_size = 0;
  // Native steps from the element to the closure: 6 in Chromium 156 (see
  // above); 8 leaves room for a Blink that adds a level.
  uint32_t max_depth = 8;
  // Context hops followed outward from the closure's own context.
  uint32_t max_contexts = 16;
  // Captured variables listed per finding (the largest first).
  size_t max_items = 8;
};

std::vector<Finding> FindDetachedListeners(const LeakContext& ctx, const DetachedListenerOptions& options = {});

}  // namespace heapsleuth::analysis

#endif  // HEAPSLEUTH_LIB_ANALYSIS_DETACHED_LISTENERS_H_
